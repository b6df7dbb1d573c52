package io.wschannels.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** Many JDK WebSocket clients, each counting what it receives and checking order and uniqueness. */
final class Clients implements AutoCloseable {

    /** Receives whole text messages; may stop reading to play a slow consumer. */
    static final class Receiver implements WebSocket.Listener {
        final Consumer<String> onMessage;
        final boolean stalls;
        final StringBuilder partial = new StringBuilder();
        long lastSequence = -1;
        final AtomicLong outOfOrder;
        volatile WebSocket socket;
        /** When set, echo replies go here instead of {@link #onMessage}. */
        volatile Consumer<String> echo;

        Receiver(Consumer<String> onMessage, boolean stalls, AtomicLong outOfOrder) {
            this.onMessage = onMessage;
            this.stalls = stalls;
            this.outOfOrder = outOfOrder;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            socket = webSocket;
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                if (text.charAt(0) == 'B') {
                    long sequence = Benchmark.sequenceOf(text);
                    if (sequence <= lastSequence) {
                        outOfOrder.incrementAndGet(); // a duplicate or a reordering
                    }
                    lastSequence = sequence;
                }
                Consumer<String> handler = echo;
                (handler != null ? handler : onMessage).accept(text);
                if (stalls) {
                    return null; // no more demand: the client stops reading, TCP backs up to the server
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1);
            return null;
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
            .executor(Executors.newFixedThreadPool(2, r -> {
                Thread thread = new Thread(r, "client");
                thread.setDaemon(true);
                return thread;
            }))
            .build();
    private final List<WebSocket> sockets = new ArrayList<>();
    final AtomicLong outOfOrder = new AtomicLong();
    final ConcurrentHashMap<WebSocket, Receiver> receivers = new ConcurrentHashMap<>();

    /** Opens {@code count} connections, {@code parallel} handshakes at a time. */
    List<WebSocket> open(URI uri, int count, int stalling, Consumer<String> onMessage) throws Exception {
        List<WebSocket> opened = new ArrayList<>(count);
        int parallel = 100;
        for (int start = 0; start < count; start += parallel) {
            List<CompletableFuture<WebSocket>> batch = new ArrayList<>();
            for (int i = start; i < Math.min(count, start + parallel); i++) {
                Receiver receiver = new Receiver(onMessage, i < stalling, outOfOrder);
                batch.add(http.newWebSocketBuilder()
                        .connectTimeout(Duration.ofSeconds(30))
                        .buildAsync(uri, receiver)
                        .thenApply(socket -> {
                            receivers.put(socket, receiver);
                            return socket;
                        }));
            }
            for (CompletableFuture<WebSocket> socket : batch) {
                opened.add(socket.get(60, TimeUnit.SECONDS));
            }
        }
        sockets.addAll(opened);
        return opened;
    }

    @Override
    public void close() {
        for (WebSocket socket : sockets) {
            socket.abort();
        }
        sockets.clear();
        receivers.clear();
    }
}
