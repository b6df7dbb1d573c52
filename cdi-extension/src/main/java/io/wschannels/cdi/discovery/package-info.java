/**
 * What applications declared, checked: the definitions of their channels, routes, origins and
 * typed-message handlers. Step: validate.
 *
 * <p>Internal to the channel runtime: public only for the packages above it (see ARCHITECTURE.md),
 * not an API; it changes without notice.
 */
package io.wschannels.cdi.discovery;
