package io.wschannels.cdi.container;

import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import org.glassfish.tyrus.spi.CompletionHandler;
import org.glassfish.tyrus.spi.Writer;

/**
 * Tyrus' transport writer of a session, reached through its internals (session, async remote,
 * WebSocket, protocol handler, writer): the one Tyrus itself hands framed bytes to, through the
 * same per-connection task queue, so that frames written here and by Tyrus stay whole and in order.
 * Sending text through Tyrus costs, per recipient, a frame object, a new UTF-8 charset and encoder,
 * and an idle-timeout task scheduled and cancelled; this costs a write.
 *
 * <p>What Tyrus does around its own writes and this skips, and why that is safe here: its send lock
 * keeps whole frames out of a fragmented message being streamed, and the runtime never streams
 * fragments; its per-session idle timer restarts on each send, and the runtime leaves that timer
 * off (it keeps its own idle and heartbeat checks, on what the client sends). Both writers this has
 * to meet are safe for concurrent callers: Grizzly's (standalone) queues each write whole, the
 * servlet container's (Payara, GlassFish) is synchronized and queues too.
 */
final class TyrusFrameWriter implements FrameWriter {

    private static volatile Field asyncRemote;
    private static volatile Field webSocket;
    private static volatile Method protocolHandler;
    private static volatile Field writer;

    private final Writer transport;

    private TyrusFrameWriter(Writer transport) {
        this.transport = transport;
    }

    static FrameWriter of(Session session) throws ReflectiveOperationException {
        if (writer == null) {
            resolve(session.getClass());
        }
        Object remote = asyncRemote.get(session);
        Object socket = webSocket.get(remote);
        Object handler = protocolHandler.invoke(socket);
        Writer transport = (Writer) writer.get(handler);
        if (transport == null) {
            throw new IllegalStateException("the session has no transport writer yet");
        }
        return new TyrusFrameWriter(transport);
    }

    private static synchronized void resolve(Class<?> sessionClass) throws ReflectiveOperationException {
        Field remote = accessible(sessionClass.getDeclaredField("asyncRemote"));
        Field socket = accessible(remote.getType().getSuperclass().getDeclaredField("webSocket"));
        Method handler = socket.getType().getDeclaredMethod("getProtocolHandler");
        handler.setAccessible(true);
        Field transport = accessible(handler.getReturnType().getDeclaredField("writer"));
        if (!Writer.class.isAssignableFrom(transport.getType())) {
            throw new NoSuchFieldException(
                    "ProtocolHandler.writer is a " + transport.getType().getName());
        }
        asyncRemote = remote;
        webSocket = socket;
        protocolHandler = handler;
        writer = transport;
    }

    private static Field accessible(Field field) {
        field.setAccessible(true);
        return field;
    }

    @Override
    public void write(ByteBuffer frames, SendHandler done) {
        transport.write(frames, new CompletionHandler<>() {
            @Override
            public void completed(ByteBuffer result) {
                done.onResult(new SendResult());
            }

            @Override
            public void failed(Throwable throwable) {
                done.onResult(new SendResult(throwable));
            }

            @Override
            public void cancelled() {
                done.onResult(new SendResult(new IllegalStateException("The write was cancelled")));
            }
        });
    }
}
