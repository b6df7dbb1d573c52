package io.wschannels.cdi;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The ordered outbound queue of one connection. Containers allow one asynchronous write at a time
 * per session (some throw, some queue without bound), so this queue keeps at most one write in
 * flight and starts the next when the previous completes. A close is queued like a message, so it
 * leaves after what was sent before it. Nobody blocks: callers get a future.
 */
final class Outbox {

    private enum Kind { TEXT, BINARY, CLOSE }

    private record Outgoing(Kind kind, Object payload, CompletableFuture<Void> done) {
    }

    private final Session session;
    private final Supplier<String> describer;
    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
    private boolean writing;
    private boolean accepting = true;

    Outbox(Session session, Supplier<String> describer) {
        this.session = session;
        this.describer = describer;
    }

    CompletableFuture<Void> text(String text) {
        return offer(Kind.TEXT, text);
    }

    CompletableFuture<Void> binary(ByteBuffer data) {
        return offer(Kind.BINARY, data);
    }

    /** Queues the close frame; nothing is accepted after it. A second close completes at once. */
    CompletableFuture<Void> close(CloseReason reason) {
        synchronized (this) {
            if (!accepting) {
                return CompletableFuture.completedFuture(null);
            }
        }
        return offer(Kind.CLOSE, reason);
    }

    /** The connection has ended: fail whatever is still queued and accept nothing more. */
    void terminate() {
        ArrayDeque<Outgoing> left;
        synchronized (this) {
            accepting = false;
            left = new ArrayDeque<>(queue);
            queue.clear();
        }
        for (Outgoing outgoing : left) {
            outgoing.done().completeExceptionally(closedError());
        }
    }

    private CompletableFuture<Void> offer(Kind kind, Object payload) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (this) {
            if (!accepting) {
                done.completeExceptionally(closedError());
                return done;
            }
            if (kind == Kind.CLOSE) {
                accepting = false;
            }
            queue.add(new Outgoing(kind, payload, done));
            if (writing) {
                return done;
            }
            writing = true;
        }
        drain();
        return done;
    }

    /** Writes queued items until one is still in flight (its completion resumes) or none is left. */
    private void drain() {
        while (true) {
            Outgoing next;
            synchronized (this) {
                next = queue.poll();
                if (next == null) {
                    writing = false;
                    return;
                }
            }
            CompletableFuture<Void> written = write(next);
            if (!written.isDone()) {
                written.whenComplete((ignored, failure) -> {
                    settle(next, failure);
                    drain();
                });
                return;
            }
            settle(next, written.isCompletedExceptionally() ? written.handle((v, e) -> e).join() : null);
        }
    }

    private static void settle(Outgoing outgoing, Throwable failure) {
        if (failure == null) {
            outgoing.done().complete(null);
        } else {
            outgoing.done().completeExceptionally(failure);
        }
    }

    private CompletableFuture<Void> write(Outgoing outgoing) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        try {
            switch (outgoing.kind()) {
                case TEXT -> session.getAsyncRemote().sendText((String) outgoing.payload(), result -> complete(written, result));
                case BINARY -> session.getAsyncRemote().sendBinary((ByteBuffer) outgoing.payload(),
                        result -> complete(written, result));
                case CLOSE -> {
                    if (session.isOpen()) {
                        session.close((CloseReason) outgoing.payload());
                    }
                    written.complete(null);
                }
                default -> throw new AssertionError(outgoing.kind());
            }
        } catch (IOException | RuntimeException e) {
            written.completeExceptionally(new IOException("Could not send to " + describer.get() + ": " + e, e));
        }
        return written;
    }

    private void complete(CompletableFuture<Void> written, SendResult result) {
        if (result.isOK()) {
            written.complete(null);
        } else {
            written.completeExceptionally(new IOException("Could not send to " + describer.get() + ": "
                    + result.getException(), result.getException()));
        }
    }

    private IllegalStateException closedError() {
        return new IllegalStateException("Cannot send to " + describer.get() + ": the connection is closed or closing."
                + " Check Connection#isOpen(), and remove connections from rooms in Channel#onClose.");
    }
}
