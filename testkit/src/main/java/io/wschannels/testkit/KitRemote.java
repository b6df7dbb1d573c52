package io.wschannels.testkit;

import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/** Where a test connection's writes go: recorded by its {@link KitSession}, complete at once. */
final class KitRemote implements RemoteEndpoint.Async {

    private final KitSession session;

    KitRemote(KitSession session) {
        this.session = session;
    }

    @Override
    public void sendText(String text, SendHandler handler) {
        if (!session.isOpen()) {
            handler.onResult(new SendResult(new IOException("The connection is closed")));
            return;
        }
        session.record(new TestConnection.Text(message(text)));
        handler.onResult(new SendResult());
    }

    /**
     * What the channel sent: a broadcast kept by {@code @History} reaches the wire wrapped with its
     * positions (which channels.js takes off); a test reads the message itself.
     */
    private static String message(String frame) {
        if (!frame.startsWith("{\"type\":\"channels:message\"")) {
            return frame;
        }
        try (JsonReader reader = Json.createReader(new StringReader(frame))) {
            return reader.readObject().getString("text");
        }
    }

    @Override
    public void sendBinary(ByteBuffer data, SendHandler handler) {
        if (!session.isOpen()) {
            handler.onResult(new SendResult(new IOException("The connection is closed")));
            return;
        }
        byte[] copy = new byte[data.remaining()];
        data.duplicate().get(copy);
        session.record(new TestConnection.Binary(copy));
        handler.onResult(new SendResult());
    }

    @Override
    public Future<Void> sendText(String text) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        sendText(text, result -> complete(done, result));
        return done;
    }

    @Override
    public Future<Void> sendBinary(ByteBuffer data) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        sendBinary(data, result -> complete(done, result));
        return done;
    }

    private void complete(CompletableFuture<Void> done, SendResult result) {
        if (result.isOK()) {
            done.complete(null);
        } else {
            done.completeExceptionally(result.getException());
        }
    }

    @Override
    public Future<Void> sendObject(Object data) {
        throw new UnsupportedOperationException("Channels send text and binary only");
    }

    @Override
    public void sendObject(Object data, SendHandler handler) {
        throw new UnsupportedOperationException("Channels send text and binary only");
    }

    @Override
    public long getSendTimeout() {
        return 0;
    }

    @Override
    public void setSendTimeout(long timeoutmillis) {}

    @Override
    public void setBatchingAllowed(boolean allowed) {}

    @Override
    public boolean getBatchingAllowed() {
        return false;
    }

    @Override
    public void flushBatch() {}

    @Override
    public void sendPing(ByteBuffer applicationData) {
        // A test client does not answer heartbeats unless the test sends a pong itself.
    }

    @Override
    public void sendPong(ByteBuffer applicationData) {}
}
