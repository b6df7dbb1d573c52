package io.wschannels.benchmarks.shootout;

/**
 * One step of a server's run: its clients, the round trips of its broadcasts, what the server's CPU
 * spent on them and on the step's handshakes, and its memory with them all connected.
 *
 * @param clients clients connected during the step
 * @param p50Millis median broadcast round trip
 * @param p95Millis the limit's percentile
 * @param handshakes connections opened at the start of the step
 * @param handshakeCpuMicros server CPU while they were opened
 * @param frames frames the server sent while sampling: each broadcast to every client, and the results
 * @param sampleCpuMicros server CPU while sampling
 * @param liveHeap live objects on a JVM server's heap after the step, {@link Histogram#NONE} for others
 * @param residentBytes the server's resident memory after the step
 * @param driverBusy the share of its core the driver used while sampling (near 1, the driver was the bottleneck)
 * @param problem what was lost, duplicated or went wrong, or {@code null}
 */
record Step(
        int clients,
        double p50Millis,
        double p95Millis,
        int handshakes,
        double handshakeCpuMicros,
        long frames,
        double sampleCpuMicros,
        Histogram liveHeap,
        long residentBytes,
        double driverBusy,
        String problem) {

    long liveHeapBytes() {
        return liveHeap.totalBytes();
    }

    boolean within(double limitMillis) {
        return problem == null && p95Millis <= limitMillis;
    }
}
