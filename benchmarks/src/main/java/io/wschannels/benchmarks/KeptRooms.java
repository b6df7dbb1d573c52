package io.wschannels.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** Fills rooms of {@link KeptBenchChannel} with history through one connection that is in none of them. */
final class KeptRooms {

    private KeptRooms() {}

    /** Broadcasts {@code messages} texts of {@code bytes} to each of {@code rooms}, and waits until all are kept. */
    static void fill(URI sender, int rooms, int messages, int bytes) throws Exception {
        CompletableFuture<String> done = new CompletableFuture<>();
        WebSocket socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(sender, new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        done.complete(data.toString());
                        return null;
                    }
                })
                .get(30, TimeUnit.SECONDS);
        for (int m = 0; m < messages; m++) {
            for (int r = 0; r < rooms; r++) {
                String head = "Bkept-room-" + r + "|" + m + "|";
                socket.sendText(head + "x".repeat(bytes - head.length()), true).get(30, TimeUnit.SECONDS);
            }
        }
        // Messages of one connection are handled in order: the echo comes after every broadcast is kept.
        socket.sendText("E|0|done", true).get(30, TimeUnit.SECONDS);
        done.get(120, TimeUnit.SECONDS);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "filled").get(30, TimeUnit.SECONDS);
    }
}
