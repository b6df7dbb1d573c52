package io.wschannels.cdi.container;

import jakarta.websocket.Session;
import java.lang.reflect.Method;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Recognizes a session of Undertow's Jakarta WebSocket implementation (WildFly's), by its class
 * name, and finds its connection's I/O thread: the library has no compile-time dependency on
 * Undertow, and an application's classes on WildFly do not see Undertow's.
 *
 * <p>What the runtime does differently there: messages arriving in parts are gathered by the
 * library (Undertow 2.3 compares a whole message with the limit only at its end); and a
 * broadcast's texts are flushed from the connection's I/O thread, where the texts queued on the
 * connection by then are sent as one JSR-356 batch. Undertow writes each message in a system call
 * of its own unless several are queued when it flushes; a plain endpoint that sends from worker
 * threads gets that by accident, the channel's queue (one message in flight) gets it this way.
 */
public final class UndertowSessions {

    private static final Logger LOG = Logger.getLogger(UndertowSessions.class.getName());
    private static final String UNDERTOW_SESSION = "io.undertow.websockets.jsr.UndertowSession";

    /** {@code UndertowSession.getWebSocketChannel()} and {@code WebSocketChannel.getIoThread()}, found once. */
    private static volatile Method channelOf;

    private static volatile Method ioThreadOf;
    private static volatile boolean unusable;

    private UndertowSessions() {}

    /** @return whether this is an Undertow session */
    public static boolean is(Session session) {
        return session.getClass().getName().equals(UNDERTOW_SESSION);
    }

    /**
     * @return the executor of an Undertow session's I/O thread, or {@code null} for another
     *     container's session or where this Undertow's internals differ (then texts are sent one by
     *     one, as elsewhere)
     */
    public static Executor ioThread(Session session) {
        if (!is(session) || unusable) {
            return null;
        }
        try {
            Method channel = channelOf;
            if (channel == null) {
                channel = session.getClass().getMethod("getWebSocketChannel");
                channelOf = channel;
            }
            Object webSocket = channel.invoke(session);
            Method ioThread = ioThreadOf;
            if (ioThread == null) {
                ioThread = webSocket.getClass().getMethod("getIoThread");
                ioThreadOf = ioThread;
            }
            return ioThread.invoke(webSocket) instanceof Executor executor ? executor : null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            if (!unusable) {
                unusable = true;
                LOG.log(
                        Level.INFO,
                        "Broadcasts are sent one message at a time: this Undertow does not let the library"
                                + " reach a session's I/O thread (" + e + ")",
                        e);
            }
            return null;
        }
    }
}
