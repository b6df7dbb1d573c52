package io.wschannels.cdi.metrics;

/**
 * One channel's metrics on this server at one moment: what was counted, and the state of its
 * connections, read from them now.
 *
 * @param channel the channel class's name
 * @param route its route template, unique in the application
 * @param open connections open now
 * @param queuedBytes bytes waiting in their outbound queues, all together
 * @param largestQueueBytes the most any one of them has waiting
 * @param counted what was counted since the channel was registered
 */
public record ChannelReading(
        String channel,
        String route,
        int open,
        long queuedBytes,
        long largestQueueBytes,
        ChannelMetrics.Snapshot counted) {}
