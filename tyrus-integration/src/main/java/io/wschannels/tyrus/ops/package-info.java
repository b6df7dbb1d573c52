/**
 * The standalone server's operations endpoints, the same on both containers: {@code /metrics} in
 * Prometheus' text format when enabled.
 *
 * <p>Internal to the standalone server: public only for its containers, not an API; it changes
 * without notice.
 */
package io.wschannels.tyrus.ops;
