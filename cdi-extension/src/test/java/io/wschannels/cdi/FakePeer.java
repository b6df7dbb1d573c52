package io.wschannels.cdi;

import io.wschannels.cdi.container.FrameWriter;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A WebSocket session for unit tests of the runtime: it records what is written, closed and pinged,
 * and completes writes only when the test says so ({@link #complete()}), like a peer that reads
 * when told to; or at once, like a fast one ({@link #readingAtOnce()}). Only what the runtime calls
 * is implemented.
 */
public final class FakePeer {

    public final List<String> written = new ArrayList<>();
    /** The texts of each write made through {@link #frames()}, one list per write. */
    public final List<List<String>> frameWrites = new ArrayList<>();
    /** The texts sent while batching was allowed, one list per {@code flushBatch()}. */
    public final List<List<String>> batches = new ArrayList<>();
    /** Whether batching was allowed at each {@code flushBatch()}. */
    public final List<Boolean> batchingAtFlush = new ArrayList<>();

    private boolean batching;
    private List<String> batch = new ArrayList<>();

    public final List<SendHandler> pending = new ArrayList<>();
    public final List<CloseReason> closes = new ArrayList<>();
    public int pings;
    public final Session session;
    private boolean atOnce;

    public FakePeer() {
        this(Map.of(), null);
    }

    /**
     * @param pathParameters what the container matched in the route
     * @param query the raw query string, or {@code null}
     */
    public FakePeer(Map<String, String> pathParameters, String query) {
        RemoteEndpoint.Async async = (RemoteEndpoint.Async) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "sendText" -> {
                            written.add((String) args[0]);
                            if (batching) {
                                batch.add((String) args[0]);
                            }
                            write((SendHandler) args[1]);
                        }
                        case "setBatchingAllowed" -> batching = (Boolean) args[0];
                        case "flushBatch" -> {
                            batchingAtFlush.add(batching);
                            batches.add(batch);
                            batch = new ArrayList<>();
                        }
                        case "sendBinary" -> {
                            written.add("binary:" + ((ByteBuffer) args[0]).remaining());
                            write((SendHandler) args[1]);
                        }
                        case "sendPing" -> pings++;
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                    return null;
                });
        session = (Session) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAsyncRemote" -> async;
                    case "isOpen" -> closes.isEmpty();
                    case "close" -> {
                        closes.add(
                                args == null
                                        ? new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "")
                                        : (CloseReason) args[0]);
                        yield null;
                    }
                    case "getPathParameters" -> pathParameters;
                    case "getQueryString" -> query;
                    case "getRequestURI" -> URI.create("ws://localhost/test" + (query == null ? "" : "?" + query));
                    case "getUserPrincipal" -> null;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "FakePeer session";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /**
     * A container's frame writer on this session: each write's frames are decoded (unmasked text
     * frames only) into {@link #frameWrites} and their texts appended to {@link #written}.
     */
    public FrameWriter frames() {
        return (buffer, done) -> {
            List<String> texts = new ArrayList<>();
            while (buffer.hasRemaining()) {
                if ((buffer.get() & 0xff) != 0x81) {
                    throw new IllegalArgumentException("not a final text frame");
                }
                int length = buffer.get() & 0x7f;
                long size = length == 126 ? buffer.getShort() & 0xffff : length == 127 ? buffer.getLong() : length;
                byte[] payload = new byte[(int) size];
                buffer.get(payload);
                texts.add(new String(payload, StandardCharsets.UTF_8));
            }
            frameWrites.add(texts);
            written.addAll(texts);
            write(done);
        };
    }

    /** From now on every write completes as soon as it is made. */
    public FakePeer readingAtOnce() {
        atOnce = true;
        while (!pending.isEmpty()) {
            complete();
        }
        return this;
    }

    private void write(SendHandler handler) {
        if (atOnce) {
            handler.onResult(new SendResult());
        } else {
            pending.add(handler);
        }
    }

    /** The oldest pending write fails, as when the connection breaks under it. */
    public void fail(Throwable error) {
        pending.remove(0).onResult(new SendResult(error));
    }

    /** The peer reads the oldest pending write. */
    public void complete() {
        pending.remove(0).onResult(new SendResult());
    }
}
