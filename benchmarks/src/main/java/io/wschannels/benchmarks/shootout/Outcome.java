package io.wschannels.benchmarks.shootout;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * A server's whole run, and the figures the report shows for it.
 *
 * @param warmedUp whether the server was warmed up before its first step ({@link Ladder#warmUp})
 */
record Outcome(String name, String label, List<Step> steps, boolean capped, boolean warmedUp) {

    /** The most clients of a step whose p95 stayed within the limit, with nothing lost. */
    int maxClients(double limitMillis) {
        return steps.stream()
                .filter(step -> step.within(limitMillis))
                .mapToInt(Step::clients)
                .max()
                .orElse(0);
    }

    OptionalDouble p50At(int clients) {
        return steps.stream()
                .filter(step -> step.clients() == clients && step.frames() > 0)
                .mapToDouble(Step::p50Millis)
                .findFirst();
    }

    /** Server CPU per frame sent, over the steps after the compilers' warm-up (see {@link #warm()}). */
    double cpuPerFrameMicros() {
        return warm().stream().mapToDouble(Step::sampleCpuMicros).sum()
                / warm().stream().mapToLong(Step::frames).sum();
    }

    /** Server CPU per connection opened, over the steps after the compilers' warm-up (see {@link #warm()}). */
    double cpuPerHandshakeMicros() {
        return warm().stream().mapToDouble(Step::handshakeCpuMicros).sum()
                / warm().stream().mapToInt(Step::handshakes).sum();
    }

    /**
     * Every step of a server warmed up before it; otherwise the steps after the first: in the
     * first, JIT compilers (the JVM's, V8's) are still at work and count in the server's CPU time,
     * at about twice the later cost per frame.
     */
    private List<Step> warm() {
        return warmedUp || steps.size() == 1 ? steps : steps.subList(1, steps.size());
    }

    /** Live heap per connection between the first and the last step measured; NaN when not a JVM. */
    double heapPerConnection() {
        return slope(true);
    }

    /**
     * Resident memory per connection between the first and the last step; NaN after a warm-up,
     * whose connections leave memory resident (a grown JavaScript heap, native buffers) that later
     * connections reuse, so that the slope no longer reads as a connection's cost (it came out
     * below zero for some JVMs).
     */
    double residentPerConnection() {
        return warmedUp ? Double.NaN : slope(false);
    }

    private double slope(boolean heap) {
        List<Step> measured =
                steps.stream().filter(step -> step.residentBytes() > 0).toList();
        if (measured.size() < 2 || (heap && measured.get(0).liveHeapBytes() < 0)) {
            return Double.NaN;
        }
        Step first = measured.get(0);
        Step last = measured.get(measured.size() - 1);
        long bytes = heap ? last.liveHeapBytes() - first.liveHeapBytes() : last.residentBytes() - first.residentBytes();
        return (double) bytes / (last.clients() - first.clients());
    }

    /** The classes whose live objects grew most per connection from the first step to the last measured. */
    List<String> heapByClass(int limit) {
        List<Step> measured =
                steps.stream().filter(step -> step.liveHeapBytes() > 0).toList();
        if (measured.size() < 2) {
            return List.of();
        }
        Step first = measured.get(0);
        Step last = measured.get(measured.size() - 1);
        return last.liveHeap().topPerConnection(first.liveHeap(), last.clients() - first.clients(), limit);
    }

    /** Why the run ended: the limit, a problem, or the client cap. */
    String ending(double limitMillis) {
        Step last = steps.get(steps.size() - 1);
        if (last.problem() != null) {
            return last.problem();
        }
        if (!last.within(limitMillis)) {
            return String.format(Locale.ROOT, "p95 %.0f ms at %,d clients", last.p95Millis(), last.clients());
        }
        return capped ? "reached the client cap" : "";
    }
}
