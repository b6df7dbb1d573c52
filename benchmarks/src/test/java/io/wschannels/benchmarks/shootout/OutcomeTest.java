package io.wschannels.benchmarks.shootout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutcomeTest {

    /** A step whose CPU and frames grow with its clients; no heap histogram when {@code heap} is negative. */
    static Step step(int clients, double p95, long heap, long rss, String problem) {
        Histogram histogram = heap < 0 ? Histogram.NONE : new Histogram(Map.of(), heap);
        return new Step(
                clients,
                p95 / 2,
                p95,
                1000,
                100_000,
                clients * 100L + 100,
                clients * 800.0,
                histogram,
                rss,
                0.5,
                problem);
    }

    @Test
    void maxClientsIsTheLastStepWithinTheLimitWithNothingLost() {
        Outcome outcome = new Outcome(
                "x",
                "x",
                List.of(
                        step(1000, 100, 10_000_000, 100_000_000, null),
                        step(2000, 400, 14_000_000, 101_000_000, null),
                        step(3000, 510, 18_000_000, 102_000_000, null)),
                false,
                false);
        assertEquals(2000, outcome.maxClients(500));
        assertEquals("p95 510 ms at 3,000 clients", outcome.ending(500));
        assertEquals(4000, outcome.heapPerConnection(), 0.001, "(18 MB - 10 MB) / 2,000 connections");
        assertEquals(1000, outcome.residentPerConnection(), 0.001);

        Outcome lossy = new Outcome(
                "y",
                "y",
                List.of(step(1000, 100, -1, 1, null), step(2000, 100, -1, 2, "1 of 2,000 arrived")),
                false,
                false);
        assertEquals(1000, lossy.maxClients(500), "a step that lost a delivery does not count");
        assertEquals("1 of 2,000 arrived", lossy.ending(500));
        assertEquals(Double.NaN, lossy.heapPerConnection(), "no heap for a server that is not a JVM");
    }

    @Test
    void withoutWarmUpCpuFiguresLeaveOutTheFirstStepWhileTheCompilersWarmUp() {
        Step cold = new Step(1000, 1, 2, 1000, 900_000, 100_100, 2_000_000, Histogram.NONE, 1, 0.5, null);
        Step warm = new Step(2000, 1, 2, 1000, 100_000, 200_100, 1_000_000, Histogram.NONE, 2, 0.5, null);
        Outcome outcome = new Outcome("z", "z", List.of(cold, warm), false, false);
        assertEquals(100, outcome.cpuPerHandshakeMicros(), 0.001);
        assertEquals(1_000_000 / 200_100.0, outcome.cpuPerFrameMicros(), 1e-9);
    }

    @Test
    void afterAWarmUpCpuFiguresCountEveryStep() {
        Step first = new Step(1000, 1, 2, 1000, 300_000, 100_100, 2_000_000, Histogram.NONE, 1, 0.5, null);
        Step second = new Step(2000, 1, 2, 1000, 100_000, 200_100, 1_000_000, Histogram.NONE, 2, 0.5, null);
        Outcome outcome = new Outcome("z", "z", List.of(first, second), false, true);
        assertEquals(200, outcome.cpuPerHandshakeMicros(), 0.001, "(300 + 100 ms) / 2,000 handshakes");
        assertEquals(3_000_000 / 300_200.0, outcome.cpuPerFrameMicros(), 1e-9);
        assertEquals(Double.NaN, outcome.residentPerConnection(), "the warm-up's memory is reused");
    }
}
