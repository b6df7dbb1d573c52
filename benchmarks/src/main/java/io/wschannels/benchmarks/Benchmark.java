package io.wschannels.benchmarks;

import io.wschannels.benchmarks.shootout.Shootout;
import io.wschannels.testing.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Runs every workload against the raw JSR-356 endpoint and against the channel, on one standalone
 * server started as a child process, then the fan-out once more with the channel's receivers on two
 * servers sharing a Redis, and prints the results with their ratios as Markdown tables.
 *
 * <pre>java -Xmx3g -jar benchmarks/target/benchmarks.jar [--quick]</pre>
 *
 * <p>With {@code shootout} as its first argument it runs {@link Shootout} instead.
 */
public final class Benchmark {

    static final String PAYLOAD = "x".repeat(100);

    private final ServerProcess server;
    private final boolean quick;
    private final List<String> rows = new ArrayList<>();
    private final List<String> clusterRows = new ArrayList<>();
    private final List<String> historyRows = new ArrayList<>();

    private Benchmark(ServerProcess server, boolean quick) {
        this.server = server;
        this.quick = quick;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("shootout")) {
            Shootout.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        boolean quick = List.of(args).contains("--quick");
        Cores.pin(ProcessHandle.current().pid(), Cores.DRIVER, "driver");
        try (ServerProcess server = ServerProcess.start("server", null)) {
            new Benchmark(server, quick).run();
        }
    }

    private void run() throws Exception {
        String machine = Cores.count() + " cores, Java " + System.getProperty("java.version")
                + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                + (Cores.pinned() ? "; servers and Redis on core 0, driver on core 1" : "");
        say("Benchmark on " + machine + (quick ? " (quick)" : ""));
        rows.add("| workload | raw JSR-356 | channel | channel / raw |");
        rows.add("|---|---|---|---|");
        int[] sizes = quick ? new int[] {100, 1000} : new int[] {100, 1000, 5000};
        for (int n : sizes) {
            int paced = n >= 5000 ? 100 : 200;
            int burst = n >= 5000 ? 40 : 100;
            try (FanOut raw = fanOut("raw", n, 0);
                    FanOut chan = fanOut("chan", n, 0)) {
                Result[] medians = alternate(List.of(raw, chan), paced, burst);
                say(String.format(
                        Locale.ROOT,
                        "fan-out N=%-5d raw %,10.0f/s p50 %6.2f p99 %6.2f ms | chan %,10.0f/s p50 %6.2f"
                                + " p99 %6.2f ms | %,d + %,d deliveries counted, none lost or duplicated",
                        n,
                        medians[0].throughput(),
                        medians[0].p50(),
                        medians[0].p99(),
                        medians[1].throughput(),
                        medians[1].p50(),
                        medians[1].p99(),
                        raw.deliveries(),
                        chan.deliveries()));
                row("fan-out N=" + n + ": deliveries/s", medians[0].throughput(), medians[1].throughput(), "%,.0f");
                row("fan-out N=" + n + ": p50 ms", medians[0].p50(), medians[1].p50(), "%.2f");
                row("fan-out N=" + n + ": p99 ms", medians[0].p99(), medians[1].p99(), "%.2f");
            }
            server.awaitOpen("raw", 0);
            server.awaitOpen("chan", 0);
        }
        Result[] echo = {echo("raw", 1000), echo("chan", 1000)};
        row("echo, 1,000 connections: round trips/s", echo[0].throughput(), echo[1].throughput(), "%,.0f");
        row("echo, 1,000 connections: p99 ms", echo[0].p99(), echo[1].p99(), "%.2f");
        int idle = quick ? 2000 : 10000;
        double rawHeap = heapPerConnection("raw", idle);
        double chanHeap = heapPerConnection("chan", idle);
        rows.add(String.format(
                Locale.ROOT,
                "| heap per idle connection (%,d open), bytes | %,.0f | %,.0f | %+,.0f bytes |",
                idle,
                rawHeap,
                chanHeap,
                chanHeap - rawHeap));
        Result[] slow = slowConsumers();
        rows.add(String.format(
                Locale.ROOT,
                "| 10 of 1,000 stop reading: channel p99 ms | clean %.2f | with stalled %.2f |" + " %.2f× |",
                slow[0].p99(),
                slow[1].p99(),
                slow[1].p99() / slow[0].p99()));
        rows.add(String.format(
                Locale.ROOT,
                "| 10 of 1,000 stop reading: server heap after GC, MiB | before %.1f |" + " after %.1f | |",
                slow[1].heapBefore() / 1048576.0,
                slow[1].heapAfter() / 1048576.0));
        history(); // after the others: what it keeps stays in the server's heap for the channel's age
        twoServers();
        String report = "Benchmark on " + machine + "\n\n" + String.join("\n", rows) + "\n\n"
                + String.join("\n", historyRows) + "\n\n" + String.join("\n", clusterRows) + "\n";
        say("");
        say(report);
        Path out = Path.of("benchmarks", "target", "results.md");
        if (Files.isDirectory(out.getParent())) {
            Files.writeString(out, report);
            say("Written to " + out);
        }
    }

    /**
     * Warms each fan-out up, then measures them in turn, five rounds each (two when quick), the
     * order rotating so that none always runs right after another; returns each one's medians.
     */
    private Result[] alternate(List<FanOut> sides, int paced, int burst) throws Exception {
        for (FanOut side : sides) {
            side.round(20, 20, PAYLOAD); // warm-up, not counted
        }
        List<List<Result>> results = new ArrayList<>();
        sides.forEach(side -> results.add(new ArrayList<>()));
        int rounds = quick ? 2 : 5;
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < sides.size(); i++) {
                int side = (r + i) % sides.size();
                results.get(side).add(sides.get(side).round(paced, burst, PAYLOAD));
            }
        }
        return results.stream().map(Result::median).toArray(Result[]::new);
    }

    /**
     * The channel with {@code @History} (each broadcast kept in its room's stream of 200) beside the
     * same channel without, fan-out to 1,000 in the same rounds; then the heap a room's full history
     * takes: 200 messages of 100 bytes in each of 500 rooms.
     */
    private void history() throws Exception {
        historyRows.add("| fan-out N=1,000 | channel | channel with @History | with / without |");
        historyRows.add("|---|---|---|---|");
        int n = 1000;
        try (FanOut chan = fanOut("chan", n, 0);
                FanOut kept = fanOut("kept", n, 0)) {
            Result[] medians = alternate(List.of(chan, kept), 200, 100);
            say(String.format(
                    Locale.ROOT,
                    "fan-out N=%d with history %,10.0f/s p50 %6.2f p99 %6.2f ms | without %,10.0f/s p50 %6.2f"
                            + " p99 %6.2f ms | %,d deliveries counted, none lost or duplicated",
                    n,
                    medians[1].throughput(),
                    medians[1].p50(),
                    medians[1].p99(),
                    medians[0].throughput(),
                    medians[0].p50(),
                    medians[0].p99(),
                    kept.deliveries()));
            historyRow("deliveries/s", medians[0].throughput(), medians[1].throughput(), "%,.0f");
            historyRow("p50 ms", medians[0].p50(), medians[1].p50(), "%.2f");
            historyRow("p99 ms", medians[0].p99(), medians[1].p99(), "%.2f");
        }
        server.awaitOpen("chan", 0);
        server.awaitOpen("kept", 0);
        int rooms = 500;
        int messages = 200;
        long before = server.settledHeap();
        KeptRooms.fill(server.uri("kept", "history-filler"), rooms, messages, 100);
        long after = server.settledHeap();
        double perRoom = (double) (after - before) / rooms;
        say(String.format(
                Locale.ROOT,
                "history: %,d rooms with %d kept messages of 100 bytes: %,.0f bytes per room (%.0f per message)",
                rooms,
                messages,
                perRoom,
                perRoom / messages));
        historyRows.add(String.format(
                Locale.ROOT,
                "| heap per room with a full history (%d messages of 100 bytes), bytes | | %,.0f | |",
                messages,
                perRoom));
    }

    private void historyRow(String measure, double without, double with, String format) {
        historyRows.add(String.format(
                Locale.ROOT,
                "| %s | " + format + " | " + format + " | %.3f |",
                measure,
                without,
                with,
                with / without));
    }

    /**
     * Fan-out to 1,000 receivers once more, in the same rounds: the raw endpoint and the channel on
     * the one server, and the channel with its receivers split 500 + 500 over two servers whose
     * broadcasts travel through a Redis (the sender is on the first). All servers and Redis share
     * the servers' core, so this measures what the trip through Redis costs, not what a second
     * machine would gain.
     */
    private void twoServers() throws Exception {
        clusterRows.add(
                "| fan-out N=1,000 | raw JSR-356, one server | channel, one server | channel, two servers on Redis"
                        + " | two servers / one | two servers / raw |");
        clusterRows.add("|---|---|---|---|---|---|");
        if (!RedisServer.installed()) {
            say("two servers on Redis: not run, redis-server is not installed (Debian package redis-server)");
            clusterRows.add("| not run: redis-server is not installed | | | | | |");
            return;
        }
        int n = 1000;
        try (RedisServer redis = RedisServer.start()) {
            Cores.pin(redis.pid(), Cores.SERVERS, "redis");
            try (ServerProcess first = ServerProcess.start("node-1", redis.url());
                    ServerProcess second = ServerProcess.start("node-2", redis.url())) {
                String room = "chan-two-" + System.nanoTime();
                try (FanOut raw = fanOut("raw", n, 0);
                        FanOut chan = fanOut("chan", n, 0);
                        FanOut two = new FanOut(
                                "chan",
                                n,
                                0,
                                List.of(first.uri("chan", room), second.uri("chan", room)),
                                first.uri("chan", room + "-sender"),
                                room)) {
                    first.awaitOpen("chan", n / 2 + 1);
                    second.awaitOpen("chan", n / 2);
                    Result[] medians = alternate(List.of(raw, chan, two), 200, 100);
                    say(String.format(
                            Locale.ROOT,
                            "fan-out N=%d over two servers on Redis %,10.0f/s p50 %6.2f p99 %6.2f"
                                    + " ms | one server %,10.0f/s p50 %6.2f p99 %6.2f ms | %,d deliveries counted,"
                                    + " none lost or"
                                    + " duplicated",
                            n,
                            medians[2].throughput(),
                            medians[2].p50(),
                            medians[2].p99(),
                            medians[1].throughput(),
                            medians[1].p50(),
                            medians[1].p99(),
                            two.deliveries()));
                    clusterRow("deliveries/s", medians, Result::throughput, "%,.0f");
                    clusterRow("p50 ms", medians, Result::p50, "%.2f");
                    clusterRow("p99 ms", medians, Result::p99, "%.2f");
                }
                first.awaitOpen("chan", 0);
                second.awaitOpen("chan", 0);
            }
        }
        server.awaitOpen("raw", 0);
        server.awaitOpen("chan", 0);
    }

    private void clusterRow(String measure, Result[] medians, ToDoubleFunction<Result> value, String format) {
        double raw = value.applyAsDouble(medians[0]);
        double one = value.applyAsDouble(medians[1]);
        double two = value.applyAsDouble(medians[2]);
        clusterRows.add(String.format(
                Locale.ROOT,
                "| %s | " + format + " | " + format + " | " + format + " | %.3f | %.3f |",
                measure,
                raw,
                one,
                two,
                two / one,
                two / raw));
    }

    private FanOut fanOut(String target, int n, int stalling) throws Exception {
        String room = target + "-fan-" + n + "-" + System.nanoTime();
        FanOut fanOut = new FanOut(
                target, n, stalling, List.of(server.uri(target, room)), server.uri(target, room + "-sender"), room);
        server.awaitOpen(target, n + 1);
        return fanOut;
    }

    /**
     * 1,000 receivers with 1 KiB messages, first all reading, then with 10 that stop reading: the
     * others' p99 and the server's heap. The stalled ones each get 4 MiB, more than socket buffers
     * and the channel's 1 MiB queue hold, so the overflow policy has to act.
     */
    private Result[] slowConsumers() throws Exception {
        String kib = "y".repeat(1024);
        int paced = quick ? 500 : 1000;
        int burst = quick ? 2000 : 3000;
        Result clean;
        try (FanOut all = fanOut("chan", 1000, 0)) {
            all.round(20, 20, kib);
            clean = all.round(paced, burst, kib);
        }
        server.awaitOpen("chan", 0);
        long heapBefore = server.settledHeap();
        Result stalled;
        try (FanOut some = fanOut("chan", 1000, 10)) {
            some.round(20, 20, kib);
            stalled = some.round(paced, burst, kib);
            long heapAfter = server.heap();
            stalled = new Result(stalled.throughput(), stalled.p50(), stalled.p99(), heapBefore, heapAfter);
            say(String.format(
                    Locale.ROOT,
                    "slow consumers: clean p99 %.2f ms, with 10 stalled %.2f ms; heap %.1f -> %.1f MiB;"
                            + " %s channel connections left open",
                    clean.p99(),
                    stalled.p99(),
                    heapBefore / 1048576.0,
                    heapAfter / 1048576.0,
                    server.channelConnections()));
        }
        server.awaitOpen("chan", 0);
        return new Result[] {clean, stalled};
    }

    /** {@code n} connections each doing closed-loop round trips at the same time. */
    private Result echo(String target, int n) throws Exception {
        return EchoRounds.run(server, target, n, quick ? 10 : 50);
    }

    /**
     * Heap per idle connection as a slope: the heap after GC with n/2 connections open and with n,
     * so that whatever the server held before (garbage of earlier phases, caches) cancels out.
     */
    private double heapPerConnection(String target, int n) throws Exception {
        server.settledHeap(); // so that connections of earlier phases are not released in the middle
        try (Clients clients = new Clients()) {
            clients.open(server.uri(target, target + "-idle"), n / 2, 0, text -> {});
            server.awaitOpen(target, n / 2);
            long half = server.heap();
            clients.open(server.uri(target, target + "-idle"), n - n / 2, 0, text -> {});
            server.awaitOpen(target, n);
            long full = server.heap();
            double perConnection = (double) (full - half) / (n - n / 2);
            say(String.format(
                    Locale.ROOT,
                    "%-4s idle   heap %.1f MiB at %,d connections, %.1f MiB at %,d: %,.0f bytes per" + " connection",
                    target,
                    half / 1048576.0,
                    n / 2,
                    full / 1048576.0,
                    n,
                    perConnection));
            return perConnection;
        } finally {
            server.awaitOpen(target, 0);
        }
    }

    // ---- plumbing

    private void row(String name, double raw, double channel, String format) {
        rows.add(String.format(
                Locale.ROOT, "| %s | " + format + " | " + format + " | %.3f |", name, raw, channel, channel / raw));
    }

    static long sequenceOf(String text) {
        int first = text.indexOf('|');
        return Long.parseLong(text, first + 1, text.indexOf('|', first + 1), 10);
    }

    static void say(String line) {
        System.out.println(line);
    }
}
