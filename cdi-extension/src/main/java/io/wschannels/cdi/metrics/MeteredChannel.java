package io.wschannels.cdi.metrics;

import java.util.function.Supplier;

/**
 * A channel as a metrics facility sees it: what it counts, its names, and its state read now.
 *
 * @param metrics the channel's counters, which tell the facility's meters of each event
 * @param name the channel class's simple name, the {@code channel} label
 * @param route its route template, the {@code route} label, unique in an application
 * @param reading its state (open connections, queued bytes), read when the facility asks
 */
public record MeteredChannel(ChannelMetrics metrics, String name, String route, Supplier<ChannelReading> reading) {}
