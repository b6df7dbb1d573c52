package io.wschannels.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;

/**
 * Runs every workload against the raw JSR-356 endpoint and against the channel, on one standalone
 * server started as a child process, and prints the results with their ratios as a Markdown table.
 *
 * <pre>java -Xmx4g -jar benchmarks/target/benchmarks.jar [--quick]</pre>
 */
public final class Benchmark {

    private static final String[] TARGETS = {"raw", "chan"};
    private static final String PAYLOAD = "x".repeat(100);
    private static String MACHINE;
    private static boolean pinned;

    private final int port;
    private final boolean quick;
    private final List<String> rows = new ArrayList<>();

    private Benchmark(int port, boolean quick) {
        this.port = port;
        this.quick = quick;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        MACHINE = Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch");
        Process server = startServer();
        pin(ProcessHandle.current().pid(), "1", "driver");
        try {
            int port = awaitPort(server);
            Benchmark benchmark = new Benchmark(port, quick);
            benchmark.run();
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private void run() throws Exception {
        String machine = MACHINE + (pinned ? "; server on core 0, driver on core 1" : "");
        say("Benchmark on " + machine + (quick ? " (quick)" : ""));
        rows.add("| workload | raw JSR-356 | channel | channel / raw |");
        rows.add("|---|---|---|---|");
        int[] sizes = quick ? new int[] {100, 1000} : new int[] {100, 1000, 5000};
        for (int n : sizes) {
            int paced = n >= 5000 ? 100 : 200;
            int burst = n >= 5000 ? 40 : 100;
            int rounds = quick ? 2 : 5;
            try (FanOut raw = fanOut("raw", n, 0); FanOut chan = fanOut("chan", n, 0)) {
                raw.round(20, 20, PAYLOAD); // warm-up, not counted
                chan.round(20, 20, PAYLOAD);
                List<Result> rawResults = new ArrayList<>();
                List<Result> chanResults = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    // Alternate which side goes first, so neither always runs right after the other.
                    FanOut first = r % 2 == 0 ? raw : chan;
                    FanOut second = r % 2 == 0 ? chan : raw;
                    Result a = first.round(paced, burst, PAYLOAD);
                    Result b = second.round(paced, burst, PAYLOAD);
                    (first == raw ? rawResults : chanResults).add(a);
                    (second == raw ? rawResults : chanResults).add(b);
                }
                Result rawMedian = Result.median(rawResults);
                Result chanMedian = Result.median(chanResults);
                say(String.format(Locale.ROOT, "fan-out N=%-5d raw %,10.0f/s p50 %6.2f p99 %6.2f ms | chan %,10.0f/s p50 %6.2f"
                        + " p99 %6.2f ms | %,d + %,d deliveries counted, none lost or duplicated", n, rawMedian.throughput,
                        rawMedian.p50, rawMedian.p99, chanMedian.throughput, chanMedian.p50, chanMedian.p99,
                        raw.deliveries(), chan.deliveries()));
                row("fan-out N=" + n + ": deliveries/s", rawMedian.throughput, chanMedian.throughput, "%,.0f");
                row("fan-out N=" + n + ": p50 ms", rawMedian.p50, chanMedian.p50, "%.2f");
                row("fan-out N=" + n + ": p99 ms", rawMedian.p99, chanMedian.p99, "%.2f");
            }
            awaitOpen("raw", 0);
            awaitOpen("chan", 0);
        }
        Result[] echo = {echo("raw", 1000), echo("chan", 1000)};
        row("echo, 1,000 connections: round trips/s", echo[0].throughput, echo[1].throughput, "%,.0f");
        row("echo, 1,000 connections: p99 ms", echo[0].p99, echo[1].p99, "%.2f");
        int idle = quick ? 2000 : 10000;
        double rawHeap = heapPerConnection("raw", idle);
        double chanHeap = heapPerConnection("chan", idle);
        rows.add(String.format(Locale.ROOT, "| heap per idle connection (%,d open), bytes | %,.0f | %,.0f | %+,.0f bytes |",
                idle, rawHeap, chanHeap, chanHeap - rawHeap));
        Result[] slow = slowConsumers();
        rows.add(String.format(Locale.ROOT, "| 10 of 1,000 stop reading: channel p99 ms | clean %.2f | with stalled %.2f |"
                + " %.2f× |", slow[0].p99, slow[1].p99, slow[1].p99 / slow[0].p99));
        rows.add(String.format(Locale.ROOT, "| 10 of 1,000 stop reading: server heap after GC, MiB | before %.1f |"
                + " after %.1f | |", slow[1].heapBefore / 1048576.0, slow[1].heapAfter / 1048576.0));
        say("");
        rows.forEach(Benchmark::say);
        Path out = Path.of("benchmarks", "target", "results.md");
        if (Files.isDirectory(out.getParent())) {
            Files.writeString(out, "Benchmark on " + machine + "\n\n" + String.join("\n", rows) + "\n");
            say("\nWritten to " + out);
        }
    }

    /** Outcome of one workload on one target. */
    record Result(double throughput, double p50, double p99, long heapBefore, long heapAfter) {
        /** The median of each measure on its own. */
        static Result median(List<Result> results) {
            return new Result(median(results, Result::throughput), median(results, Result::p50),
                    median(results, Result::p99), 0, 0);
        }

        private static double median(List<Result> results, java.util.function.ToDoubleFunction<Result> measure) {
            double[] values = results.stream().mapToDouble(measure).sorted().toArray();
            return values.length % 2 == 1 ? values[values.length / 2]
                    : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
        }
    }

    private FanOut fanOut(String target, int n, int stalling) throws Exception {
        String room = target + "-fan-" + n + "-" + System.nanoTime();
        FanOut fanOut = new FanOut(target, n, stalling, uri(target, room), uri(target, room + "-sender"), room);
        awaitOpen(target, n + 1);
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
        awaitOpen("chan", 0);
        long heapBefore = heap();
        Result stalled;
        try (FanOut some = fanOut("chan", 1000, 10)) {
            some.round(20, 20, kib);
            stalled = some.round(paced, burst, kib);
            long heapAfter = heap();
            stalled = new Result(stalled.throughput, stalled.p50, stalled.p99, heapBefore, heapAfter);
            say(String.format(Locale.ROOT, "slow consumers: clean p99 %.2f ms, with 10 stalled %.2f ms; heap %.1f -> %.1f MiB;"
                    + " %s channel connections left open", clean.p99, stalled.p99, heapBefore / 1048576.0,
                    heapAfter / 1048576.0, control("open").split(" ")[1]));
        }
        awaitOpen("chan", 0);
        return new Result[] {clean, stalled};
    }

    /** {@code n} connections each doing closed-loop round trips at the same time. */
    private Result echo(String target, int n) throws Exception {
        int trips = quick ? 10 : 50;
        Histogram rtt = new org.HdrHistogram.ConcurrentHistogram(TimeUnit.SECONDS.toNanos(60), 3);
        AtomicInteger done = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(n);
        try (Clients clients = new Clients()) {
            List<WebSocket> sockets = new ArrayList<>();
            java.util.Map<WebSocket, long[]> started = new java.util.concurrent.ConcurrentHashMap<>();
            java.util.Map<WebSocket, AtomicInteger> count = new java.util.concurrent.ConcurrentHashMap<>();
            List<WebSocket> opened = clients.open(uri(target, target + "-echo-" + System.nanoTime()), n, 0, text -> { });
            sockets.addAll(opened);
            awaitOpen(target, n);
            // Replace each receiver's callback with the round-trip logic now that the socket is known.
            long begin = System.nanoTime();
            for (WebSocket socket : sockets) {
                started.put(socket, new long[1]);
                count.put(socket, new AtomicInteger());
            }
            Echo echo = new Echo(started, count, rtt, trips, done, finished, new java.util.concurrent.ConcurrentHashMap<>());
            for (WebSocket socket : sockets) {
                clients.receivers.get(socket).socket = socket;
                echo.attach(clients.receivers.get(socket));
            }
            for (WebSocket socket : sockets) {
                echo.send(socket);
            }
            if (!finished.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException(target + " echo: only " + done.get() + " round trips finished");
            }
            double seconds = (System.nanoTime() - begin) / 1e9;
            double throughput = (double) n * trips / seconds;
            say(String.format(Locale.ROOT, "%-4s echo   N=%-5d %,12.0f round trips/s  p50 %6.2f ms  p99 %6.2f ms",
                    target, n, throughput, rtt.getValueAtPercentile(50) / 1e6, rtt.getValueAtPercentile(99) / 1e6));
            return new Result(throughput, rtt.getValueAtPercentile(50) / 1e6, rtt.getValueAtPercentile(99) / 1e6, 0, 0);
        } finally {
            awaitOpen(target, 0);
        }
    }

    /** Round-trip bookkeeping shared by all echo clients. */
    private record Echo(java.util.Map<WebSocket, long[]> started, java.util.Map<WebSocket, AtomicInteger> count,
            Histogram rtt, int trips, AtomicInteger done, CountDownLatch finished,
            java.util.Map<WebSocket, CompletableFuture<WebSocket>> sends) {

        void attach(Clients.Receiver receiver) {
            receiver.echo = text -> {
                WebSocket socket = receiver.socket;
                rtt.recordValue(System.nanoTime() - started.get(socket)[0]);
                done.incrementAndGet();
                if (count.get(socket).incrementAndGet() < trips) {
                    send(socket);
                } else {
                    finished.countDown();
                }
            };
        }

        void send(WebSocket socket) {
            started.get(socket)[0] = System.nanoTime();
            // The JDK client refuses a send while the previous one is pending; the reply to a
            // message can arrive before its own send has completed, so chain on the previous send.
            sends.compute(socket, (ws, previous) -> (previous == null ? CompletableFuture.completedFuture(ws) : previous)
                    .thenCompose(open -> open.sendText("E" + PAYLOAD, true)));
        }
    }

    /**
     * Heap per idle connection as a slope: the heap after GC with n/2 connections open and with n,
     * so that whatever the server held before (garbage of earlier phases, caches) cancels out.
     */
    private double heapPerConnection(String target, int n) throws Exception {
        try (Clients clients = new Clients()) {
            clients.open(uri(target, target + "-idle"), n / 2, 0, text -> { });
            awaitOpen(target, n / 2);
            long half = heap();
            clients.open(uri(target, target + "-idle"), n - n / 2, 0, text -> { });
            awaitOpen(target, n);
            long full = heap();
            double perConnection = (double) (full - half) / (n - n / 2);
            say(String.format(Locale.ROOT, "%-4s idle   heap %.1f MiB at %,d connections, %.1f MiB at %,d: %,.0f bytes per"
                    + " connection", target, half / 1048576.0, n / 2, full / 1048576.0, n, perConnection));
            return perConnection;
        } finally {
            awaitOpen(target, 0);
        }
    }

    // ---- plumbing

    private URI uri(String target, String room) {
        return URI.create("ws://127.0.0.1:" + port + "/" + target + "/" + room);
    }

    private WebSocket controlSocket;
    private volatile CompletableFuture<String> controlAnswer;

    /** Asks the server process; one control connection for the whole run. */
    private synchronized String control(String command) throws Exception {
        if (controlSocket == null) {
            controlSocket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/control"), new WebSocket.Listener() {
                        @Override
                        public java.util.concurrent.CompletionStage<?> onText(WebSocket webSocket, CharSequence data,
                                boolean last) {
                            controlAnswer.complete(data.toString());
                            webSocket.request(1);
                            return null;
                        }
                    }).get(30, TimeUnit.SECONDS);
        }
        controlAnswer = new CompletableFuture<>();
        controlSocket.sendText(command, true).get(30, TimeUnit.SECONDS);
        return controlAnswer.get(60, TimeUnit.SECONDS);
    }

    private long heap() throws Exception {
        return Long.parseLong(control("heap"));
    }

    /** Waits until the server counts exactly {@code n} connections of the target (plus the sender). */
    private void awaitOpen(String target, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            String[] open = control("open").split(" ");
            int count = Integer.parseInt(target.equals("raw") ? open[0] : open[1]);
            if (n == 0 ? count == 0 : count >= n) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(target + ": " + count + " connections open on the server, expected " + n);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private static void await(CountDownLatch latch, String target, int n, int sequence, AtomicLongArray received)
            throws InterruptedException {
        if (!latch.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(target + " N=" + n + ": message " + sequence + " reached only "
                    + received.get(sequence) + " receivers within 60 s (lost messages?)");
        }
    }

    private void row(String name, double raw, double channel, String format) {
        rows.add(String.format(Locale.ROOT, "| %s | " + format + " | " + format + " | %.3f |", name, raw, channel,
                channel / raw));
    }

    static long sequenceOf(String text) {
        int first = text.indexOf('|');
        return Long.parseLong(text, first + 1, text.indexOf('|', first + 1), 10);
    }

    private static Process startServer() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process server = new ProcessBuilder(java, "-Xms1g", "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                BenchServer.class.getName()).redirectErrorStream(true).start();
        pin(server.pid(), "0", "server");
        return server;
    }

    /**
     * Server and driver on different cores (when the machine has two or more and taskset exists),
     * so that the client's work does not steal the server's CPU in the middle of a measurement.
     */
    private static void pin(long pid, String core, String who) {
        if (Runtime.getRuntime().availableProcessors() < 2) {
            return;
        }
        try {
            Process taskset = new ProcessBuilder("taskset", "-a", "-cp", core, Long.toString(pid))
                    .redirectErrorStream(true).start();
            taskset.getInputStream().readAllBytes();
            if (taskset.waitFor() == 0) {
                pinned = true;
            }
        } catch (java.io.IOException | InterruptedException e) {
            System.err.println("(" + who + " not pinned: " + e.getMessage() + ")");
        }
    }

    private static int awaitPort(Process server) throws Exception {
        BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.startsWith("READY ")) {
                Thread drain = new Thread(() -> lines.lines().forEach(l -> System.err.println("[server] " + l)));
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(line.substring(6).trim());
            }
            System.err.println("[server] " + line);
        }
        throw new IllegalStateException("The benchmark server exited before it was ready");
    }

    private static void say(String line) {
        System.out.println(line);
    }
}
