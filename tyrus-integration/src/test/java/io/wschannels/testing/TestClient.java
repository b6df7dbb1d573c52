package io.wschannels.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket client (the JDK's) that records everything the server sends, for tests:
 * {@link #awaitText()}, {@link #awaitJson(String)}, {@link #awaitClose(int, String)} and
 * {@link #assertNoMoreEvents(Duration)} wait with a timeout, never with a bare sleep.
 */
public final class TestClient implements AutoCloseable {

    /** Something the client observed, in arrival order. */
    public sealed interface Event permits Text, Binary, Pong, Closed, Failed {}

    public record Text(String text) implements Event {}

    public record Binary(byte[] data) implements Event {}

    public record Pong(byte[] data) implements Event {}

    public record Closed(int code, String reason) implements Event {}

    public record Failed(Throwable error) implements Event {}

    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** For handshakes that are expected to fail; each connection has an HTTP client of its own. */
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final WebSocket socket;
    private final URI uri;

    private TestClient(URI uri, WebSocket socket) {
        this.uri = uri;
        this.socket = socket;
    }

    /** Connects, failing the test if the handshake does not complete within the timeout. */
    public static TestClient connect(URI uri) {
        return connect(uri, Map.of());
    }

    /** Connects with extra handshake headers. */
    public static TestClient connect(URI uri, Map<String, String> headers) {
        return connect(uri, headers, new String[0]);
    }

    /** Connects with extra handshake headers, offering subprotocols as a browser would. */
    public static TestClient connect(URI uri, Map<String, String> headers, String... subprotocols) {
        // One HTTP client per connection: WebSockets sharing one JDK client sometimes stopped
        // receiving (about one ChatChannelTest run in 15: the server had written the message, the
        // client never saw it), never with a client each (0 in 40).
        return connect(HttpClient.newHttpClient(), uri, headers, subprotocols);
    }

    /** Connects over TLS ({@code wss://}), trusting what the given context trusts. */
    public static TestClient connect(URI uri, javax.net.ssl.SSLContext tls) {
        return connect(HttpClient.newBuilder().sslContext(tls).build(), uri, Map.of());
    }

    private static TestClient connect(HttpClient http, URI uri, Map<String, String> headers, String... subprotocols) {
        Recorder recorder = new Recorder();
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(TIMEOUT);
        headers.forEach(builder::header);
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        try {
            WebSocket socket = builder.buildAsync(uri, recorder).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            TestClient client = new TestClient(uri, socket);
            recorder.attach(client.events);
            return client;
        } catch (Exception e) {
            throw new AssertionError("Could not connect to " + uri + ": " + e, e);
        }
    }

    /** Starts a handshake without waiting: for tests that expect it to fail. */
    public static CompletableFuture<WebSocket> tryConnect(URI uri) {
        return HTTP.newWebSocketBuilder().connectTimeout(TIMEOUT).buildAsync(uri, new Recorder());
    }

    /** The subprotocol the server chose, empty if none. */
    public String subprotocol() {
        return socket.getSubprotocol();
    }

    public void send(String text) {
        join(socket.sendText(text, true));
    }

    /** Starts sending without waiting: for messages the server may refuse while they are still on the way. */
    public CompletableFuture<WebSocket> sendWithoutWaiting(String text) {
        return socket.sendText(text, true);
    }

    public void sendBinary(byte[] data) {
        join(socket.sendBinary(ByteBuffer.wrap(data), true));
    }

    public void sendPong(byte[] data) {
        join(socket.sendPong(ByteBuffer.wrap(data)));
    }

    /**
     * Pings the server and waits for its pong. The server handles a connection's frames in order,
     * so when this returns it has received everything sent before.
     */
    public void roundTrip() {
        join(socket.sendPing(ByteBuffer.wrap(new byte[] {'r', 't'})));
        Event event = awaitEvent();
        if (!(event instanceof Pong)) {
            throw new AssertionError("Expected the pong of a round trip from " + uri + " but got " + event);
        }
    }

    /** Sends a close frame; the server's answer arrives as a {@link Closed} event. */
    public void sendClose(int code, String reason) {
        join(socket.sendClose(code, reason));
    }

    /** Drops the TCP connection without a close frame, as a crashed client or a lost network would. */
    public void abort() {
        socket.abort();
    }

    /** The next event, whatever it is. */
    public Event awaitEvent() {
        try {
            Event event = events.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                fail("No event from " + uri + " within " + TIMEOUT.toSeconds() + " s");
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for an event from " + uri, e);
        }
    }

    /** The next text message if one arrives within {@code wait}, else {@code null}; fails on any other event. */
    public String pollText(Duration wait) {
        try {
            Event event = events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                return null;
            }
            if (event instanceof Text text) {
                return message(text.text());
            }
            throw new AssertionError("Expected a text message from " + uri + " but got " + event);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for an event from " + uri, e);
        }
    }

    /**
     * The next event, which must be a text message: the message itself, as the browser client
     * gives it to the page, also when it came as a kept broadcast of a channel with
     * {@code @History} (see {@link #awaitFrame()}).
     */
    public String awaitText() {
        return message(awaitFrame());
    }

    /** The next event, which must be a text message, as it came: a kept broadcast with its positions. */
    public String awaitFrame() {
        Event event = awaitEvent();
        if (event instanceof Text text) {
            return text.text();
        }
        throw new AssertionError("Expected a text message from " + uri + " but got " + describe(event));
    }

    /** The message a frame carries: a kept broadcast's {@code text}, else the frame. */
    private static String message(String frame) {
        if (!frame.startsWith("{\"type\":\"channels:message\"")) {
            return frame;
        }
        try (JsonReader reader = Json.createReader(new StringReader(frame))) {
            return reader.readObject().getString("text");
        }
    }

    /** The next event, which must be a JSON object. */
    public JsonObject awaitJson() {
        String text = awaitText();
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            throw new AssertionError("Expected a JSON object from " + uri + " but got: " + text, e);
        }
    }

    /** The next event, which must be a JSON object whose {@code type} is {@code type}. */
    public JsonObject awaitJson(String type) {
        JsonObject json = awaitJson();
        assertEquals(type, json.getString("type", null), () -> "type of " + json);
        return json;
    }

    /** The next event, which must be the error envelope with exactly this message. */
    public JsonObject awaitError(String message) {
        JsonObject json = awaitJson("error");
        assertEquals(message, json.getString("message", null), () -> "message of " + json);
        return json;
    }

    /** The next event, which must be a binary message. */
    public byte[] awaitBinary() {
        Event event = awaitEvent();
        if (event instanceof Binary binary) {
            return binary.data();
        }
        throw new AssertionError("Expected a binary message from " + uri + " but got " + describe(event));
    }

    /** The next event, which must be the close. */
    public Closed awaitClose() {
        Event event = awaitEvent();
        if (event instanceof Closed closed) {
            return closed;
        }
        throw new AssertionError("Expected the connection to " + uri + " to close but got " + describe(event));
    }

    /** The next event, which must be the close with this code and reason. */
    public void awaitClose(int code, String reason) {
        Closed closed = awaitClose();
        assertEquals(code, closed.code(), () -> "close code (reason \"" + closed.reason() + "\")");
        assertEquals(reason, closed.reason(), "close reason");
    }

    /** Asserts that nothing arrives during {@code quiet}. */
    public void assertNoMoreEvents(Duration quiet) {
        try {
            Event event = events.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
            assertNull(event, () -> "Expected nothing more from " + uri + " but got " + describe(event));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "");
        }
        socket.abort();
    }

    private static String describe(Event event) {
        if (event instanceof Binary binary) {
            return "Binary(" + binary.data().length + " bytes)";
        }
        return String.valueOf(event);
    }

    private static void join(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("Sending failed: " + e, e);
        }
    }

    /** Collects fragments into whole messages and queues them. */
    private static final class Recorder implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();
        private final BlockingQueue<Event> early = new LinkedBlockingQueue<>();
        private volatile BlockingQueue<Event> sink;

        // Messages may arrive before buildAsync's future completes; keep them in order.
        synchronized void attach(BlockingQueue<Event> target) {
            early.drainTo(target);
            sink = target;
        }

        private synchronized void record(Event event) {
            (sink != null ? sink : early).add(event);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                record(new Text(text.toString()));
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            binary.writeBytes(bytes);
            if (last) {
                record(new Binary(binary.toByteArray()));
                binary = new java.io.ByteArrayOutputStream();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            byte[] bytes = new byte[message.remaining()];
            message.get(bytes);
            record(new Pong(bytes));
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            record(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            record(new Failed(error));
        }
    }
}
