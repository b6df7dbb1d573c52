/**
 * For integrators, not for application code: the seam through which every broadcast passes, so
 * that a cluster transport (Redis pub/sub, a JMS topic, Hazelcast) can carry broadcasts between
 * servers without changing any channel. See {@link io.wschannels.spi.BroadcastTransport}.
 */
package io.wschannels.spi;
