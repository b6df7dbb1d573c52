package io.wschannels.tyrus.ops;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import io.wschannels.cdi.metrics.ChannelMetrics;
import io.wschannels.cdi.metrics.ChannelReading;
import io.wschannels.cdi.metrics.Durations;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The channels' metrics in Prometheus' text format, written by Prometheus' own client library.
 * Every metric is named {@code wschannels_...} and labelled with the channel's {@code route} (unique
 * in an application) and {@code channel} (its class's simple name); refusals carry a {@code reason},
 * closes a {@code code}. Units follow Prometheus' conventions: seconds and bytes, counters end in
 * {@code _total}.
 */
public final class PrometheusText {

    /** What {@code /metrics} answers with. */
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private static final String PREFIX = "wschannels_";
    private static final PrometheusTextFormatWriter WRITER = PrometheusTextFormatWriter.create();
    private static final double[] BOUNDS = bounds();

    private PrometheusText() {}

    /**
     * @param readings every channel's metrics, read now
     * @return the text Prometheus scrapes
     */
    public static byte[] of(List<ChannelReading> readings) {
        List<MetricSnapshot> all = new ArrayList<>();
        all.add(gauge("connections", "Connections open now", null, readings, r -> r.open()));
        all.add(counter("connections_opened", "Clients let in (onConnect returned)", null, readings, c -> c.opened()));
        all.add(refusals(readings));
        all.add(closes(readings));
        all.add(counter("messages_received", "Messages from clients", null, readings, c -> c.messagesReceived()));
        all.add(counter(
                "received_bytes", "Bytes of the messages from clients", Unit.BYTES, readings, c -> c.bytesReceived()));
        all.add(counter("messages_sent", "Messages queued for clients", null, readings, c -> c.messagesSent()));
        all.add(counter(
                "sent_bytes", "Bytes of the messages queued for clients", Unit.BYTES, readings, c -> c.bytesSent()));
        all.add(counter("broadcasts", "Broadcasts delivered by this server", null, readings, c -> c.broadcasts()));
        all.add(counter(
                "broadcast_recipients", "Connections broadcasts were queued to", null, readings, c -> c.recipients()));
        all.add(gauge(
                "outbound_queued_bytes",
                "Bytes waiting in the connections' outbound queues",
                Unit.BYTES,
                readings,
                r -> r.queuedBytes()));
        all.add(gauge(
                "outbound_queue_largest_bytes",
                "The most bytes waiting in one connection's outbound queue",
                Unit.BYTES,
                readings,
                r -> r.largestQueueBytes()));
        all.add(counter(
                "slow_consumer_closes",
                "Connections closed because their outbound queue overflowed",
                null,
                readings,
                c -> c.slowConsumerCloses()));
        all.add(counter(
                "rate_limited_messages",
                "Messages refused for the channel's rate",
                null,
                readings,
                c -> c.rateLimited()));
        all.add(counter(
                "heartbeat_timeouts",
                "Connections ended because the peer answered no ping",
                null,
                readings,
                c -> c.heartbeatTimeouts()));
        all.add(counter(
                "callback_errors",
                "Channel callbacks that threw something other than a ChannelException",
                null,
                readings,
                c -> c.callbackErrors()));
        all.add(histogram(
                "callback_duration_seconds", "How long channel callbacks took", readings, c -> c.callbackDurations()));
        all.add(histogram(
                "broadcast_delivery_duration_seconds",
                "From the start of a broadcast's delivery on this server until it was written to every recipient",
                readings,
                c -> c.deliveryDurations()));
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            WRITER.write(out, MetricSnapshots.of(all.toArray(MetricSnapshot[]::new)));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    private static Labels labels(ChannelReading reading) {
        String name = reading.channel();
        return Labels.of("channel", name.substring(name.lastIndexOf('.') + 1), "route", reading.route());
    }

    private static MetricSnapshot counter(
            String name,
            String help,
            Unit unit,
            List<ChannelReading> readings,
            ToDoubleFunction<ChannelMetrics.Snapshot> value) {
        CounterSnapshot.Builder counter =
                CounterSnapshot.builder().name(PREFIX + name).help(help).unit(unit);
        for (ChannelReading reading : readings) {
            counter.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                    .labels(labels(reading))
                    .value(value.applyAsDouble(reading.counted()))
                    .build());
        }
        return counter.build();
    }

    private static MetricSnapshot gauge(
            String name,
            String help,
            Unit unit,
            List<ChannelReading> readings,
            ToDoubleFunction<ChannelReading> value) {
        GaugeSnapshot.Builder gauge =
                GaugeSnapshot.builder().name(PREFIX + name).help(help).unit(unit);
        for (ChannelReading reading : readings) {
            gauge.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                    .labels(labels(reading))
                    .value(value.applyAsDouble(reading))
                    .build());
        }
        return gauge.build();
    }

    private static MetricSnapshot refusals(List<ChannelReading> readings) {
        CounterSnapshot.Builder counter =
                CounterSnapshot.builder().name(PREFIX + "connections_refused").help("Clients refused, by reason");
        for (ChannelReading reading : readings) {
            for (Map.Entry<ChannelMetrics.Refusal, Long> refused :
                    reading.counted().refused().entrySet()) {
                counter.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                        .labels(labels(reading).add("reason", refused.getKey().label()))
                        .value(refused.getValue())
                        .build());
            }
        }
        return counter.build();
    }

    private static MetricSnapshot closes(List<ChannelReading> readings) {
        CounterSnapshot.Builder counter = CounterSnapshot.builder()
                .name(PREFIX + "connections_closed")
                .help("Connections that had been opened and ended, by close code");
        for (ChannelReading reading : readings) {
            for (Map.Entry<Integer, Long> closed : reading.counted().closes().entrySet()) {
                counter.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                        .labels(labels(reading).add("code", String.valueOf(closed.getKey())))
                        .value(closed.getValue())
                        .build());
            }
        }
        return counter.build();
    }

    private static MetricSnapshot histogram(
            String name,
            String help,
            List<ChannelReading> readings,
            Function<ChannelMetrics.Snapshot, Durations.Snapshot> durations) {
        HistogramSnapshot.Builder histogram =
                HistogramSnapshot.builder().name(PREFIX + name).help(help).unit(Unit.SECONDS);
        for (ChannelReading reading : readings) {
            Durations.Snapshot taken = durations.apply(reading.counted());
            histogram.dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                    .labels(labels(reading))
                    .classicHistogramBuckets(ClassicHistogramBuckets.of(BOUNDS, taken.counts()))
                    .sum(taken.sumSeconds())
                    .build());
        }
        return histogram.build();
    }

    /** The runtime's bucket bounds, and the last bucket's: everything. */
    private static double[] bounds() {
        double[] bounds = new double[Durations.BOUNDS.length + 1];
        System.arraycopy(Durations.BOUNDS, 0, bounds, 0, Durations.BOUNDS.length);
        bounds[Durations.BOUNDS.length] = Double.POSITIVE_INFINITY;
        return bounds;
    }
}
