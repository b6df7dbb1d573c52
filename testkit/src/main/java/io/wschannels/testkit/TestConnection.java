package io.wschannels.testkit;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One client of a channel under test, made by {@link ChannelTester#connect}: the test plays the
 * client ({@link #message}, {@link #binary}, {@link #close()}) and reads what the channel sent, in
 * order ({@link #awaitMessage}, {@link #assertSentJson}, {@link #awaitClose()}), or all at once
 * ({@link #sent()}).
 *
 * <p>The channel runs as on a server: its callbacks, the limits, the registries and broadcasts,
 * typed-message dispatch and error envelopes are the real runtime's. Most of it happens before the
 * test's call returns; broadcasts from other threads and batches arrive a moment later, which the
 * {@code await} methods wait for (up to 5 s).
 */
public final class TestConnection implements AutoCloseable {

    /** Something the channel sent. */
    public sealed interface Sent permits Text, Binary, Closed {}

    /** A text message. */
    public record Text(String text) implements Sent {}

    /** A binary message. */
    public record Binary(byte[] data) implements Sent {}

    /** The close frame: the channel (or the runtime) closed the connection with this code and reason. */
    public record Closed(int code, String reason) implements Sent {}

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final String path;
    private final List<Sent> history = new ArrayList<>();
    private final BlockingQueue<Sent> unread = new LinkedBlockingQueue<>();
    private KitSession session;

    TestConnection(String path) {
        this.path = path;
    }

    void attach(KitSession session) {
        this.session = session;
    }

    void record(Sent sent) {
        synchronized (history) {
            history.add(sent);
        }
        unread.add(sent);
    }

    // --- the client's side ---

    /** Sends a text message to the channel, as a client would. */
    public TestConnection message(String text) {
        deliver(String.class, text);
        return this;
    }

    /** Sends a binary message to the channel. */
    public TestConnection binary(byte[] data) {
        deliver(ByteBuffer.class, ByteBuffer.wrap(data.clone()));
        return this;
    }

    /** Sends a pong, as a client answering the server's heartbeat does. */
    public TestConnection pong(byte[] data) {
        deliver(PongMessage.class, (PongMessage) () -> ByteBuffer.wrap(data.clone()));
        return this;
    }

    private <T> void deliver(Class<T> type, T message) {
        if (!session.isOpen()) {
            throw new IllegalStateException("Cannot send to " + path + ": the connection is closed" + closedHow());
        }
        MessageHandler.Whole<T> handler = session.handler(type);
        if (handler == null) {
            throw new IllegalStateException("Cannot send to " + path + ": the channel is not listening (it refused"
                    + " the connection?)" + closedHow());
        }
        handler.onMessage(message);
    }

    private String closedHow() {
        synchronized (history) {
            for (Sent sent : history) {
                if (sent instanceof Closed closed) {
                    return " (closed with " + closed.code() + " " + closed.reason() + ")";
                }
            }
        }
        return "";
    }

    /** Closes the connection from the client's side with 1000 (normal closure). */
    @Override
    public void close() {
        close(1000, "");
    }

    /** Closes the connection from the client's side. */
    public void close(int code, String reason) {
        session.closedByClient(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
    }

    /** The client vanishes without a close frame: the channel sees an error, then a close with 1006. */
    public void drop() {
        if (session.isOpen()) {
            session.error(new IOException("Connection reset by peer (the test dropped it)"));
            session.closedByClient(new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY, ""));
        }
    }

    /** Whether the connection is still open. */
    public boolean isOpen() {
        return session.isOpen();
    }

    // --- what the channel sent ---

    /** Everything the channel sent so far, in order, read or not. */
    public List<Sent> sent() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    /** Every text message the channel sent so far, in order. */
    public List<String> texts() {
        return sent().stream()
                .filter(Text.class::isInstance)
                .map(s -> ((Text) s).text())
                .toList();
    }

    /** The next unread thing the channel sent, waiting up to 5 s. */
    public Sent next() {
        try {
            Sent sent = unread.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (sent == null) {
                throw new AssertionError("The channel on " + path + " sent nothing more within " + TIMEOUT.toSeconds()
                        + " s; it sent before: " + sent());
            }
            return sent;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next unread message, which must be text. */
    public String awaitText() {
        Sent sent = next();
        if (sent instanceof Text text) {
            return text.text();
        }
        throw new AssertionError("Expected a text message from " + path + " but the channel sent " + describe(sent));
    }

    /** The next unread message, which must be binary. */
    public byte[] awaitBinary() {
        Sent sent = next();
        if (sent instanceof Binary binary) {
            return binary.data();
        }
        throw new AssertionError("Expected a binary message from " + path + " but the channel sent " + describe(sent));
    }

    /** The next unread message, which must be a JSON object. */
    public JsonObject awaitJson() {
        return parse(awaitText());
    }

    /**
     * The next unread JSON message whose {@code type} is {@code type}; messages of other types
     * before it are read and skipped.
     */
    public JsonObject awaitMessage(String type) {
        while (true) {
            JsonObject message = awaitJson();
            if (type.equals(message.getString("type", null))) {
                return message;
            }
        }
    }

    /** The next unread message, which must be the error envelope with this message; returns it. */
    public JsonObject awaitError(String message) {
        JsonObject error = awaitJson();
        if (!"error".equals(error.getString("type", null)) || !message.equals(error.getString("message", null))) {
            throw new AssertionError(
                    "Expected the error \"" + message + "\" from " + path + " but the channel sent " + error);
        }
        return error;
    }

    /**
     * Asserts that the next unread message is a JSON object with every field of {@code expected}
     * (other fields, such as timestamps, are not compared), and returns it.
     *
     * <pre>{@code
     * ann.assertSentJson("{\"type\":\"user_joined\",\"count\":2}");
     * }</pre>
     */
    public JsonObject assertSentJson(String expected) {
        JsonObject wanted = parse(expected);
        JsonObject actual = awaitJson();
        for (Map.Entry<String, JsonValue> field : wanted.entrySet()) {
            if (!field.getValue().equals(actual.get(field.getKey()))) {
                throw new AssertionError("The channel on " + path + " sent " + actual + ", which does not have "
                        + field.getKey() + " = " + field.getValue() + " (expected the fields of " + wanted + ")");
            }
        }
        return actual;
    }

    /** Asserts that the next unread message is exactly this text. */
    public void assertSent(String text) {
        String actual = awaitText();
        if (!text.equals(actual)) {
            throw new AssertionError(
                    "Expected the channel on " + path + " to send \"" + text + "\" but it sent \"" + actual + "\"");
        }
    }

    /** The close, which must be the next unread thing the channel sent. */
    public Closed awaitClose() {
        Sent sent = next();
        if (sent instanceof Closed closed) {
            return closed;
        }
        throw new AssertionError("Expected " + path + " to be closed but the channel sent " + describe(sent));
    }

    /** Asserts that the next unread thing is the close with this code and reason. */
    public void assertClosed(int code, String reason) {
        Closed closed = awaitClose();
        if (closed.code() != code || !reason.equals(closed.reason())) {
            throw new AssertionError("Expected " + path + " to be closed with " + code + " \"" + reason
                    + "\" but it was closed with " + closed.code() + " \"" + closed.reason() + "\"");
        }
    }

    /** Asserts that the channel sent nothing that was not read, waiting 50 ms for stragglers. */
    public void assertNothingMoreSent() {
        try {
            Sent sent = unread.poll(50, TimeUnit.MILLISECONDS);
            if (sent != null) {
                throw new AssertionError(
                        "Expected nothing more from " + path + " but the channel sent " + describe(sent));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private JsonObject parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new AssertionError("Not a JSON object: " + json, e);
        }
    }

    private static String describe(Sent sent) {
        if (sent instanceof Text text) {
            return "the text " + text.text();
        }
        if (sent instanceof Binary binary) {
            return "a binary message of " + binary.data().length + " bytes";
        }
        Closed closed = (Closed) sent;
        return "a close with " + closed.code() + " \"" + closed.reason() + "\"";
    }

    @Override
    public String toString() {
        return "test connection to " + path;
    }
}
