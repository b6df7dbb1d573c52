package io.wschannels.tyrus.netty;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.wschannels.cdi.container.FrameWriter;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One connection on the Netty container, as the JSR-356 session the channel runtime expects: the
 * part of {@link Session} the runtime uses (whole-message handlers, asynchronous sends, close, the
 * request's path, query and parameters) and a {@link FrameWriter}, so that a broadcast framed once
 * is written to every recipient as it is. It is its own asynchronous remote, to keep a connection
 * to as few objects as possible.
 *
 * <p>Closing follows Tyrus, which the runtime was first written against: the endpoint's
 * {@code onClose} runs once, as soon as either side sent its close frame (or the connection
 * dropped: 1006); after the server's close frame the connection waits a moment for the client's
 * answer, then ends.
 */
final class NettySession extends SessionBasics implements FrameWriter {

    /** How long a close sent by the server waits for the client's close frame before the TCP close. */
    private static final long CLOSE_ANSWER_MILLIS = 2_000;

    private final Channel channel;
    private final Endpoint endpoint;

    private MessageHandler.Whole<String> onText;
    private MessageHandler.Whole<ByteBuffer> onBinary;
    private MessageHandler.Whole<PongMessage> onPong;
    /** Set once a close frame went either way or the connection dropped. */
    private volatile boolean closed;

    NettySession(
            Channel channel,
            Endpoint endpoint,
            String uri,
            Map<String, Object> userProperties,
            Map<String, String> pathParameters,
            String subprotocol,
            boolean secure,
            int maxMessageBytes) {
        super(uri, userProperties, pathParameters, subprotocol, secure, maxMessageBytes);
        this.channel = channel;
        this.endpoint = endpoint;
    }

    // ---- from the connection's frames (the event loop) ----

    void opened(EndpointConfig config) {
        endpoint.onOpen(this, config);
    }

    void text(String text) {
        MessageHandler.Whole<String> handler = onText;
        if (handler != null) {
            deliver(handler, text);
        }
    }

    void binary(ByteBuffer data) {
        MessageHandler.Whole<ByteBuffer> handler = onBinary;
        if (handler != null) {
            deliver(handler, data);
        }
    }

    void pong(ByteBuffer data) {
        MessageHandler.Whole<PongMessage> handler = onPong;
        if (handler != null) {
            deliver(handler, () -> data);
        }
    }

    private <T> void deliver(MessageHandler.Whole<T> handler, T message) {
        if (closed) {
            return; // what a client sends after a close frame went either way is not read
        }
        try {
            handler.onMessage(message);
        } catch (RuntimeException | Error e) {
            endpoint.onError(this, e);
        }
    }

    /** The client's close frame: answered with the same code, then the connection ends. */
    void closeReceived(CloseWebSocketFrame frame) {
        int code = frame.statusCode();
        CloseReason reason = new CloseReason(
                CloseReason.CloseCodes.getCloseCode(code < 0 ? 1005 : code),
                frame.reasonText() == null ? "" : frame.reasonText());
        boolean first = markClosed();
        if (first) {
            CloseWebSocketFrame answer =
                    code < 0 || code == 1005 ? new CloseWebSocketFrame() : new CloseWebSocketFrame(code, null);
            channel.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
            endpoint.onClose(this, reason);
        } else {
            channel.close();
        }
    }

    /** The connection ended without a close frame (or after one, then nothing is said again). */
    void dropped() {
        if (markClosed()) {
            endpoint.onClose(this, new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY, "Closed abnormally."));
        }
    }

    /** A frame the container refuses (too big, bad UTF-8, a protocol error): closed with its code. */
    void refuse(int code, String why) {
        close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), why));
    }

    void failed(Throwable error) {
        endpoint.onError(this, error);
    }

    private synchronized boolean markClosed() {
        if (closed) {
            return false;
        }
        closed = true;
        return true;
    }

    // ---- Session ----

    @Override
    public void close() {
        close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, ""));
    }

    @Override
    public void close(CloseReason reason) {
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(() -> close(reason));
            return;
        }
        if (!markClosed()) {
            return;
        }
        if (channel.isActive()) {
            channel.writeAndFlush(
                            new CloseWebSocketFrame(reason.getCloseCode().getCode(), limit(reason.getReasonPhrase())))
                    .addListener(written -> {
                        if (written.isSuccess()) {
                            channel.eventLoop()
                                    .schedule(() -> channel.close(), CLOSE_ANSWER_MILLIS, TimeUnit.MILLISECONDS);
                        } else {
                            channel.close();
                        }
                    });
        }
        endpoint.onClose(this, reason);
    }

    @Override
    public boolean isOpen() {
        return !closed && channel.isActive();
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <T> void addMessageHandler(Class<T> type, MessageHandler.Whole<T> handler) {
        if (closed) {
            throw new IllegalStateException("The connection is closed");
        }
        if (type == String.class) {
            onText = (MessageHandler.Whole<String>) handler;
        } else if (type == ByteBuffer.class) {
            onBinary = (MessageHandler.Whole<ByteBuffer>) handler;
        } else if (type == PongMessage.class) {
            onPong = (MessageHandler.Whole<PongMessage>) handler;
        } else {
            throw unsupported("message handlers for " + type.getName() + " (String, ByteBuffer and PongMessage only)");
        }
    }

    @Override
    public synchronized Set<MessageHandler> getMessageHandlers() {
        return Set.copyOf(
                Stream.of(onText, onBinary, onPong).filter(Objects::nonNull).toList());
    }

    @Override
    public synchronized void removeMessageHandler(MessageHandler handler) {
        if (handler == onText) {
            onText = null;
        } else if (handler == onBinary) {
            onBinary = null;
        } else if (handler == onPong) {
            onPong = null;
        }
    }

    @Override
    public String getId() {
        return channel.id().asLongText();
    }

    // ---- RemoteEndpoint.Async and FrameWriter ----

    @Override
    public void sendText(String text, SendHandler handler) {
        send(new TextWebSocketFrame(text), handler);
    }

    @Override
    public void sendBinary(ByteBuffer data, SendHandler handler) {
        send(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(data)), handler);
    }

    @Override
    public void write(ByteBuffer frames, SendHandler done) {
        // Whole frames already: Netty's WebSocket encoder lets bytes that are not a frame object pass.
        send(Unpooled.wrappedBuffer(frames), done);
    }

    @Override
    public void write(ByteBuffer[] frames, SendHandler done) {
        // One gathering write of the shared frames, without copying them.
        send(Unpooled.wrappedBuffer(frames), done);
    }

    @Override
    public boolean flushLater(Runnable flush) {
        return TurnFlushes.offer(channel.eventLoop(), flush);
    }

    private void send(Object message, SendHandler handler) {
        if (!channel.isActive()) {
            ReferenceCountUtil.release(message);
            handler.onResult(new SendResult(new IOException("The connection is closed")));
            return;
        }
        // Written and flushed at once, one system call per message: deferring the flush to the end
        // of the I/O thread's turn, so that messages to one connection join, measured worse in the
        // shootout (3,000 clients instead of 4,000; CPU per frame no lower).
        channel.writeAndFlush(message)
                .addListener(written ->
                        handler.onResult(written.isSuccess() ? new SendResult() : new SendResult(written.cause())));
    }

    @Override
    public void sendPing(ByteBuffer data) {
        if (channel.isActive()) {
            channel.writeAndFlush(new PingWebSocketFrame(Unpooled.wrappedBuffer(data)));
        }
    }

    @Override
    public void sendPong(ByteBuffer data) {
        if (channel.isActive()) {
            channel.writeAndFlush(new PongWebSocketFrame(Unpooled.wrappedBuffer(data)));
        }
    }

    @Override
    public String toString() {
        return "NettySession[" + channel + "]";
    }
}
