package io.wschannels.benchmarks.shootout;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The websocket-shootout broadcast benchmark against one server: connect a step of clients, keep
 * {@code concurrent} broadcasts in flight from clients chosen at random until {@code sampleSize}
 * round trips are in (the time from sending a broadcast to its result coming back to the sender),
 * and step up until the round trip at the limit's percentile passes the limit. Unlike the original
 * driver, each step also waits for every broadcast to reach every client and fails on any
 * delivery lost or duplicated.
 */
final class Ladder {

    /** The protocol's parameters; the defaults are websocket-bench's for broadcasts. */
    record Settings(
            int stepSize,
            int concurrent,
            int sampleSize,
            int limitPercentile,
            double limitMillis,
            int maxClients,
            long answerTimeoutMillis) {

        static Settings defaults(int maxClients) {
            return new Settings(1000, 4, 100, 95, 500, maxClients, 60_000);
        }
    }

    private final Settings settings;
    private final Consumer<String> progress;

    Ladder(Settings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /** Steps up until the limit, a problem or the client cap; returns every step measured. */
    List<Step> climb(String name, PeerProcess server) throws Exception {
        List<Step> steps = new ArrayList<>();
        URI uri = URI.create("ws://127.0.0.1:" + server.port() + server.path());
        try (Fleet fleet = new Fleet(uri)) {
            while (fleet.size() + settings.stepSize() <= settings.maxClients()) {
                Step step = step(fleet, server);
                steps.add(step);
                progress.accept(describe(name, step));
                if (!step.within(settings.limitMillis())) {
                    break;
                }
            }
        }
        return steps;
    }

    private Step step(Fleet fleet, PeerProcess server) throws Exception {
        double before = server.cpuMicros();
        try {
            fleet.connect(settings.stepSize());
        } catch (Exception e) {
            return failed(fleet.size(), "a handshake failed: " + e);
        }
        double connected = server.cpuMicros();
        long driver = ProcessHandle.current().pid();
        double driverBefore = PeerProcess.cpuMicros(driver);
        long started = System.nanoTime();
        fleet.beginStep(settings.sampleSize());
        long[] roundTrips = new long[settings.sampleSize()];
        int collected = 0;
        int inFlight = 0;
        for (; inFlight < settings.concurrent(); inFlight++) {
            fleet.sendBroadcast();
        }
        while (collected < settings.sampleSize()) {
            Long roundTrip = fleet.roundTrips.poll(settings.answerTimeoutMillis(), TimeUnit.MILLISECONDS);
            if (roundTrip == null) {
                return failed(fleet.size(), "no broadcast result within " + settings.answerTimeoutMillis() + " ms");
            }
            roundTrips[collected++] = roundTrip;
            inFlight--;
            if (collected + inFlight < settings.sampleSize()) {
                fleet.sendBroadcast();
                inFlight++;
            }
        }
        String problem = fleet.awaitDeliveries(settings.answerTimeoutMillis());
        double sampled = server.cpuMicros();
        double driverBusy = (PeerProcess.cpuMicros(driver) - driverBefore) / ((System.nanoTime() - started) / 1e3);
        if (problem == null && !fleet.problems.isEmpty()) {
            problem = String.join("; ", fleet.problems);
        }
        Arrays.sort(roundTrips);
        return new Step(
                fleet.size(),
                roundTrips[50 * roundTrips.length / 100] / 1e6,
                roundTrips[settings.limitPercentile() * roundTrips.length / 100] / 1e6,
                settings.stepSize(),
                connected - before,
                (long) fleet.size() * settings.sampleSize() + settings.sampleSize(),
                sampled - connected,
                server.liveHeap(),
                server.residentBytes(),
                driverBusy,
                problem);
    }

    private static Step failed(int clients, String problem) {
        return new Step(clients, Double.NaN, Double.NaN, 0, 0, 0, 0, Histogram.NONE, -1, 0, problem);
    }

    private static String describe(String name, Step step) {
        if (step.frames() == 0) {
            return String.format(Locale.ROOT, "%-9s %,7d clients: %s", name, step.clients(), step.problem());
        }
        return String.format(
                Locale.ROOT,
                "%-9s %,7d clients: p50 %6.1f ms, p95 %6.1f ms; CPU %5.1f µs a frame, %6.0f µs a handshake;"
                        + " %s RSS %,.1f MiB; driver busy %.0f %%%s",
                name,
                step.clients(),
                step.p50Millis(),
                step.p95Millis(),
                step.sampleCpuMicros() / step.frames(),
                step.handshakeCpuMicros() / step.handshakes(),
                step.liveHeapBytes() < 0
                        ? ""
                        : String.format(Locale.ROOT, "heap %,.1f MiB,", step.liveHeapBytes() / 1048576.0),
                step.residentBytes() / 1048576.0,
                step.driverBusy() * 100,
                step.problem() == null ? "" : "; " + step.problem());
    }
}
