/**
 * What the runtime counts about each channel while it runs: connections opened, refused by reason
 * and closed by code, messages and bytes, broadcasts, the slow, the rate-limited and the dead, the
 * time callbacks and deliveries take. Plain counters below everything else; the exporters read them
 * (Prometheus text on the standalone server).
 *
 * <p>Internal to the channel runtime: public only for the packages above it (see ARCHITECTURE.md),
 * not an API; it changes without notice.
 */
package io.wschannels.cdi.metrics;
