/**
 * Who may connect: the origin check and authentication, before the upgrade where the server allows
 * it and in the handshake. Step: handshake gate.
 *
 * <p>Internal to the channel runtime: public only for the packages above it (see ARCHITECTURE.md),
 * not an API; it changes without notice.
 */
package io.wschannels.cdi.handshake;
