package io.wschannels.benchmarks;

import java.net.URI;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * One sender and {@code n} receivers in one room of one target, kept open across rounds. Every
 * delivery is counted per message; a lost, duplicated or reordered one fails the run.
 */
final class FanOut implements AutoCloseable {

    private static final int CAPACITY = 20_000;

    private final String target;
    private final int n;
    private final int healthy;
    private final String room;
    private final Clients clients = new Clients();
    private final AtomicLongArray received = new AtomicLongArray(CAPACITY);
    private final long[] lastAt = new long[CAPACITY];
    private final CountDownLatch[] complete = new CountDownLatch[CAPACITY];
    private final WebSocket sender;
    private int next;

    /**
     * @param receivers where the receivers connect, {@code n} of them shared out evenly (one
     *     address for a server alone, one per server of a cluster); the stalling ones are on the first
     */
    FanOut(String target, int n, int stalling, List<URI> receivers, URI senderUri, String room) throws Exception {
        this.target = target;
        this.n = n;
        this.healthy = n - stalling;
        this.room = room;
        for (int i = 0; i < CAPACITY; i++) {
            complete[i] = new CountDownLatch(1);
        }
        Consumer<String> count = text -> {
            int sequence = (int) Benchmark.sequenceOf(text);
            if (received.incrementAndGet(sequence) == healthy) {
                lastAt[sequence] = System.nanoTime();
                complete[sequence].countDown();
            }
        };
        for (int i = 0; i < receivers.size(); i++) {
            int share = n / receivers.size() + (i < n % receivers.size() ? 1 : 0);
            clients.open(receivers.get(i), share, i == 0 ? stalling : 0, count);
        }
        sender = clients.open(senderUri, 1, 0, text -> {}).get(0);
    }

    /** Paced broadcasts (latency to the last healthy recipient), then a burst (deliveries per second). */
    Result round(int paced, int burst, String payload) throws Exception {
        Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        for (int i = 0; i < paced; i++) {
            int s = next++;
            long sentAt = System.nanoTime();
            send(s, payload);
            await(s);
            latency.recordValue(lastAt[s] - sentAt);
        }
        int first = next;
        long burstStart = System.nanoTime();
        for (int i = 0; i < burst; i++) {
            send(next++, payload);
        }
        long burstEnd = 0;
        for (int s = first; s < next; s++) {
            await(s);
            burstEnd = Math.max(burstEnd, lastAt[s]);
        }
        verify(next);
        double throughput = (double) healthy * burst / ((burstEnd - burstStart) / 1e9);
        return new Result(
                throughput, latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6, 0, 0);
    }

    private void send(int sequence, String payload) throws Exception {
        if (sequence >= CAPACITY) {
            throw new IllegalStateException("more than " + CAPACITY + " messages in one run");
        }
        sender.sendText("B" + room + "|" + sequence + "|" + payload, true).get(30, TimeUnit.SECONDS);
    }

    private void await(int sequence) throws InterruptedException {
        if (!complete[sequence].await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(target + " N=" + n + ": message " + sequence + " reached only "
                    + received.get(sequence) + " of " + healthy + " receivers within 60 s (lost?)");
        }
    }

    private void verify(int to) {
        if (healthy == n) {
            for (int s = 0; s < to; s++) {
                if (received.get(s) != n) {
                    throw new IllegalStateException(target + " N=" + n + ": message " + s + " reached "
                            + received.get(s) + " of " + n + " receivers");
                }
            }
        }
        if (clients.outOfOrder.get() != 0) {
            throw new IllegalStateException(
                    target + " N=" + n + ": " + clients.outOfOrder.get() + " duplicated or reordered deliveries");
        }
    }

    /** Deliveries counted so far, for the report: messages sent times receivers, exactly. */
    long deliveries() {
        long total = 0;
        for (int s = 0; s < next; s++) {
            total += received.get(s);
        }
        return total;
    }

    @Override
    public void close() {
        clients.close();
    }
}
