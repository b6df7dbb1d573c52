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

    /**
     * The protocol's parameters; the defaults are websocket-bench's for broadcasts, and a warm-up
     * (see {@link #warmUp}) of 20 rounds with 20 broadcasts each.
     */
    record Settings(
            int stepSize,
            int concurrent,
            int sampleSize,
            int limitPercentile,
            double limitMillis,
            int maxClients,
            long answerTimeoutMillis,
            int warmUpRounds,
            int warmUpBroadcasts) {

        static Settings defaults(int maxClients) {
            return new Settings(1000, 4, 100, 95, 500, maxClients, 60_000, 20, 20);
        }

        Settings withWarmUpRounds(int rounds) {
            return new Settings(
                    stepSize,
                    concurrent,
                    sampleSize,
                    limitPercentile,
                    limitMillis,
                    maxClients,
                    answerTimeoutMillis,
                    rounds,
                    warmUpBroadcasts);
        }
    }

    private static final String NO_RESULT = "no broadcast result within ";

    private final Settings settings;
    private final Consumer<String> progress;

    Ladder(Settings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /**
     * Serves the server what a server that has run for a while has already served, before any of it
     * is measured: {@code warmUpRounds} rounds of {@code stepSize} clients that connect, send
     * {@code warmUpBroadcasts} broadcasts and leave with a close frame. Without it, a JVM server's CPU per
     * handshake in the first ten or so steps is mostly its optimizing compiler at work (a step's
     * 1,000 handshakes are fewer than the calls after which HotSpot's C2 takes a method, so the
     * handshake path is compiled step after step), and Node's V8 has its compilers too; every
     * server gets the same rounds. Returns once the server counts none of these clients any more.
     */
    void warmUp(String name, PeerProcess server) throws Exception {
        if (settings.warmUpRounds() == 0) {
            return;
        }
        double before = server.cpuMicros();
        long started = System.nanoTime();
        warmUp(name, uri(server));
        progress.accept(String.format(
                Locale.ROOT,
                "%-9s warmed up: %d rounds of %,d clients in %.1f s, %.1f s of server CPU; not measured",
                name,
                settings.warmUpRounds(),
                settings.stepSize(),
                (System.nanoTime() - started) / 1e9,
                (server.cpuMicros() - before) / 1e6));
    }

    /** The warm-up's rounds against the server at {@code uri}. */
    void warmUp(String name, URI uri) throws Exception {
        for (int round = 0; round < settings.warmUpRounds(); round++) {
            try (Fleet fleet = new Fleet(uri)) {
                fleet.connect(settings.stepSize());
                String problem = sample(fleet, new long[settings.warmUpBroadcasts()]);
                if (problem == null && !fleet.problems.isEmpty()) {
                    problem = String.join("; ", fleet.problems);
                }
                if (problem != null) {
                    throw new IllegalStateException(name + " failed while warming up: " + problem);
                }
                fleet.leave(settings.answerTimeoutMillis());
            }
            awaitNoClients(uri);
        }
    }

    /**
     * Waits until a lone client's broadcast reaches one listener: the server has let go of every
     * client before it (closing is asynchronous in some servers).
     */
    private void awaitNoClients(URI uri) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.answerTimeoutMillis());
        long listeners;
        do {
            try (Fleet probe = new Fleet(uri)) {
                probe.connect(1);
                probe.beginStep(1);
                probe.sendBroadcast();
                if (probe.roundTrips.poll(settings.answerTimeoutMillis(), TimeUnit.MILLISECONDS) == null) {
                    throw new IllegalStateException(
                            "no broadcast result within " + settings.answerTimeoutMillis() + " ms after the warm-up");
                }
                listeners = probe.lastListenerCount();
                probe.leave(settings.answerTimeoutMillis());
            }
        } while (listeners != 1 && System.nanoTime() < deadline);
        if (listeners != 1) {
            throw new IllegalStateException(
                    "the server still counted " + (listeners - 1) + " clients of the warm-up after they had left");
        }
    }

    private static URI uri(PeerProcess server) {
        return URI.create("ws://127.0.0.1:" + server.port() + server.path());
    }

    /** Steps up until the limit, a problem or the client cap; returns every step measured. */
    List<Step> climb(String name, PeerProcess server) throws Exception {
        List<Step> steps = new ArrayList<>();
        URI uri = uri(server);
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
        long[] roundTrips = new long[settings.sampleSize()];
        String problem = sample(fleet, roundTrips);
        if (problem != null && problem.startsWith(NO_RESULT)) {
            return failed(fleet.size(), problem);
        }
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

    /**
     * Keeps {@code concurrent} broadcasts in flight until {@code roundTrips.length} results are in,
     * then waits for every delivery.
     *
     * @return what went wrong, or {@code null}
     */
    private String sample(Fleet fleet, long[] roundTrips) throws InterruptedException {
        fleet.beginStep(roundTrips.length);
        int collected = 0;
        int inFlight = 0;
        for (; inFlight < settings.concurrent(); inFlight++) {
            fleet.sendBroadcast();
        }
        while (collected < roundTrips.length) {
            Long roundTrip = fleet.roundTrips.poll(settings.answerTimeoutMillis(), TimeUnit.MILLISECONDS);
            if (roundTrip == null) {
                return NO_RESULT + settings.answerTimeoutMillis() + " ms";
            }
            roundTrips[collected++] = roundTrip;
            inFlight--;
            if (collected + inFlight < roundTrips.length) {
                fleet.sendBroadcast();
                inFlight++;
            }
        }
        return fleet.awaitDeliveries(settings.answerTimeoutMillis());
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
