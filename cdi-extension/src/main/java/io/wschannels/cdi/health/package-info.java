/**
 * Readiness: whether the channels can take clients now, for the standalone server's {@code /health}
 * and for MicroProfile Health on application servers.
 *
 * <p>Internal to the channel runtime: public only for the packages above it (see ARCHITECTURE.md),
 * not an API; it changes without notice.
 */
package io.wschannels.cdi.health;
