package io.wschannels.benchmarks.shootout;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/** The shootout's results as Markdown: one row per server, then the channel against each peer. */
final class Report {

    private Report() {}

    static String markdown(List<Outcome> outcomes, Ladder.Settings settings) {
        double limit = settings.limitMillis();
        boolean resident = settings.warmUpRounds() == 0; // a warm-up leaves memory resident that later steps reuse
        List<String> lines = new ArrayList<>();
        lines.add(
                settings.warmUpRounds() > 0
                        ? String.format(
                                Locale.ROOT,
                                "Each server warmed up first, not measured: %d rounds of %,d clients that connected,"
                                        + " sent %d broadcasts and left; CPU figures from the first step on;"
                                        + " resident memory per connection is shown only without a warm-up.",
                                settings.warmUpRounds(),
                                settings.stepSize(),
                                settings.warmUpBroadcasts())
                        : "No warm-up: CPU figures from the second step on (the first warms up the compilers).");
        lines.add("");
        lines.add(String.format(
                Locale.ROOT,
                "| server | max clients, p%d < %.0f ms | p50 ms at 1k / 5k | server CPU per delivered frame"
                        + " | per handshake | heap per idle connection |%s run ended by |",
                settings.limitPercentile(),
                limit,
                resident ? " RSS per connection |" : ""));
        lines.add(resident ? "|---|---|---|---|---|---|---|---|" : "|---|---|---|---|---|---|---|");
        for (Outcome outcome : outcomes) {
            lines.add(String.format(
                    Locale.ROOT,
                    "| %s | %s%,d | %s / %s | %.1f µs | %.0f µs | %s |%s %s |",
                    outcome.label(),
                    outcome.capped()
                                    && outcome.steps()
                                            .get(outcome.steps().size() - 1)
                                            .within(limit)
                            ? "≥ "
                            : "",
                    outcome.maxClients(limit),
                    millis(outcome.p50At(1000)),
                    millis(outcome.p50At(5000)),
                    outcome.cpuPerFrameMicros(),
                    outcome.cpuPerHandshakeMicros(),
                    kilobytes(outcome.heapPerConnection()),
                    resident ? " " + kilobytes(outcome.residentPerConnection()) + " |" : "",
                    outcome.ending(limit)));
        }
        for (Outcome channel : outcomes) {
            if (channel.name().startsWith("channel") && outcomes.size() > 1) {
                lines.addAll(againstPeers(channel, outcomes, limit, resident));
            }
        }
        List<String> pairs = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            String name = outcome.name();
            if (!name.endsWith("-channel")) {
                continue;
            }
            String plainName = name.substring(0, name.length() - "-channel".length()) + "-endpoint";
            outcomes.stream()
                    .filter(plain -> plain.name().equals(plainName))
                    .findFirst()
                    .ifPresent(plain -> pairs.add(String.format(
                            Locale.ROOT,
                            "| %s | %s | %s | %s | %s |",
                            outcome.label(),
                            clientsRatio(outcome.maxClients(limit), plain.maxClients(limit), settings.stepSize()),
                            ratio(outcome.cpuPerFrameMicros(), plain.cpuPerFrameMicros()),
                            ratio(outcome.cpuPerHandshakeMicros(), plain.cpuPerHandshakeMicros()),
                            ratio(outcome.heapPerConnection(), plain.heapPerConnection()))));
        }
        if (!pairs.isEmpty()) {
            lines.add("");
            lines.add("| channel against the plain endpoint in the same WAR | max clients | CPU per frame"
                    + " | CPU per handshake | heap per connection |");
            lines.add("|---|---|---|---|---|");
            lines.addAll(pairs);
        }
        return String.join("\n", lines) + "\n";
    }

    /** One of the standalone server's channel rows against every other row but the application servers'. */
    private static List<String> againstPeers(Outcome channel, List<Outcome> outcomes, double limit, boolean resident) {
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("| " + channel.label() + " against | max clients | CPU per frame | CPU per handshake"
                + " | heap per connection |" + (resident ? " RSS per connection |" : ""));
        lines.add(resident ? "|---|---|---|---|---|---|" : "|---|---|---|---|---|");
        for (Outcome peer : outcomes) {
            if (peer == channel
                    || peer.name().endsWith("-channel")
                    || peer.name().endsWith("-endpoint")) {
                continue; // the application servers' rows are compared with each other, below
            }
            lines.add(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | %s |%s",
                    peer.label(),
                    ratio(channel.maxClients(limit), peer.maxClients(limit)),
                    ratio(channel.cpuPerFrameMicros(), peer.cpuPerFrameMicros()),
                    ratio(channel.cpuPerHandshakeMicros(), peer.cpuPerHandshakeMicros()),
                    ratio(channel.heapPerConnection(), peer.heapPerConnection()),
                    resident ? " " + ratio(channel.residentPerConnection(), peer.residentPerConnection()) + " |" : ""));
        }
        return lines;
    }

    private static String millis(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.0f", value.getAsDouble()) : "–";
    }

    private static String kilobytes(double bytes) {
        return Double.isNaN(bytes) ? "–" : String.format(Locale.ROOT, "%.1f KB", bytes / 1000);
    }

    /** A peer that stayed under the limit at no step carries fewer clients than the first step. */
    private static String clientsRatio(int channel, int peer, int firstStep) {
        return peer == 0 && channel > 0
                ? String.format(Locale.ROOT, "> %.2f×", (double) channel / firstStep)
                : ratio(channel, peer);
    }

    private static String ratio(double channel, double peer) {
        return Double.isNaN(channel) || Double.isNaN(peer) || peer == 0
                ? "–"
                : String.format(Locale.ROOT, "%.2f×", channel / peer);
    }
}
