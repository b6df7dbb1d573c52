package io.wschannels.benchmarks;

import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** The echo workload: connections that each send, wait for the answer, and send again. */
final class EchoRounds {

    private EchoRounds() {}

    /** {@code n} connections each doing {@code trips} closed-loop round trips at the same time. */
    static Result run(ServerProcess server, String target, int n, int trips) throws Exception {
        Histogram rtt = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(60), 3);
        AtomicInteger done = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(n);
        try (Clients clients = new Clients()) {
            List<WebSocket> sockets = new ArrayList<>();
            Map<WebSocket, long[]> started = new ConcurrentHashMap<>();
            Map<WebSocket, AtomicInteger> count = new ConcurrentHashMap<>();
            List<WebSocket> opened =
                    clients.open(server.uri(target, target + "-echo-" + System.nanoTime()), n, 0, text -> {});
            sockets.addAll(opened);
            server.awaitOpen(target, n);
            // Replace each receiver's callback with the round-trip logic now that the socket is known.
            long begin = System.nanoTime();
            for (WebSocket socket : sockets) {
                started.put(socket, new long[1]);
                count.put(socket, new AtomicInteger());
            }
            Echo echo = new Echo(started, count, rtt, trips, done, finished, new ConcurrentHashMap<>());
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
            Benchmark.say(String.format(
                    Locale.ROOT,
                    "%-4s echo   N=%-5d %,12.0f round trips/s  p50 %6.2f ms  p99 %6.2f ms",
                    target,
                    n,
                    throughput,
                    rtt.getValueAtPercentile(50) / 1e6,
                    rtt.getValueAtPercentile(99) / 1e6));
            return new Result(throughput, rtt.getValueAtPercentile(50) / 1e6, rtt.getValueAtPercentile(99) / 1e6, 0, 0);
        } finally {
            server.awaitOpen(target, 0);
        }
    }

    /** Round-trip bookkeeping shared by all echo clients. */
    private record Echo(
            Map<WebSocket, long[]> started,
            Map<WebSocket, AtomicInteger> count,
            Histogram rtt,
            int trips,
            AtomicInteger done,
            CountDownLatch finished,
            Map<WebSocket, CompletableFuture<WebSocket>> sends) {

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
            sends.compute(
                    socket,
                    (ws, previous) -> (previous == null ? CompletableFuture.completedFuture(ws) : previous)
                            .thenCompose(open -> open.sendText("E" + Benchmark.PAYLOAD, true)));
        }
    }
}
