package io.wschannels.cdi.metrics;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A histogram of durations in fixed buckets, the shape every metrics facility exports (Prometheus'
 * classic histogram, OpenTelemetry's explicit-bucket histogram, Micrometer's service-level
 * buckets), so an exporter hands the counts over as they are. Recording is one atomic increment
 * and one adder: cheap enough for every callback. Thread-safe.
 */
public final class Durations {

    /** Upper bounds of the buckets in seconds: 100 µs to 10 s, then everything slower. */
    public static final double[] BOUNDS = {
        0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
    };

    private static final long[] BOUND_NANOS = new long[BOUNDS.length];

    static {
        for (int i = 0; i < BOUNDS.length; i++) {
            BOUND_NANOS[i] = Math.round(BOUNDS[i] * 1e9);
        }
    }

    /** One more than the bounds: the last counts what is slower than every bound. */
    private final AtomicLongArray buckets = new AtomicLongArray(BOUNDS.length + 1);

    private final LongAdder sumNanos = new LongAdder();

    /** @param nanos how long it took */
    public void record(long nanos) {
        long value = Math.max(0, nanos);
        int i = 0;
        while (i < BOUND_NANOS.length && value > BOUND_NANOS[i]) {
            i++;
        }
        buckets.incrementAndGet(i);
        sumNanos.add(value);
    }

    /** @return what was recorded, read now */
    public Snapshot snapshot() {
        long[] counts = new long[buckets.length()];
        long total = 0;
        for (int i = 0; i < counts.length; i++) {
            counts[i] = buckets.get(i);
            total += counts[i];
        }
        return new Snapshot(counts, total, sumNanos.sum() / 1e9);
    }

    /**
     * Durations at one moment.
     *
     * @param counts the count in each bucket, not cumulative: index {@code i} counts durations
     *     above {@code BOUNDS[i - 1]} up to {@code BOUNDS[i]}; the last, those above every bound
     * @param count how many were recorded
     * @param sumSeconds their sum, in seconds
     */
    public record Snapshot(long[] counts, long count, double sumSeconds) {}
}
