package io.wschannels.tyrus.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A connection's frames after the upgrade, handed to its {@link NettySession} as whole messages:
 * fragments joined up to the message limit, text checked to be UTF-8, pings answered, the close
 * handshake, and what the frame decoder refuses closed with the code it names (1009 for a frame
 * over the limit, which the decoder refuses from its header, before reading its payload).
 */
final class SessionFrames extends SimpleChannelInboundHandler<WebSocketFrame> {

    private static final Logger LOG = Logger.getLogger(SessionFrames.class.getName());

    private final NettySession session;
    private final int maxMessageBytes;
    /** The fragments of a message under way, or {@code null}. */
    private CompositeByteBuf fragments;

    private boolean fragmentsAreText;

    SessionFrames(NettySession session, int maxMessageBytes) {
        this.session = session;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext context, WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
            if (fragments != null) {
                session.refuse(1002, "A new message began before the last one ended");
            } else if (frame.isFinalFragment()) {
                message(frame instanceof TextWebSocketFrame, frame.content());
            } else {
                fragmentsAreText = frame instanceof TextWebSocketFrame;
                fragments = context.alloc().compositeBuffer();
                add(frame.content());
            }
        } else if (frame instanceof ContinuationWebSocketFrame) {
            if (fragments == null) {
                session.refuse(1002, "A continuation frame came without a message to continue");
            } else if (add(frame.content()) && frame.isFinalFragment()) {
                try {
                    message(fragmentsAreText, fragments);
                } finally {
                    release();
                }
            }
        } else if (frame instanceof PingWebSocketFrame) {
            context.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
        } else if (frame instanceof PongWebSocketFrame) {
            session.pong(ByteBuffer.wrap(ByteBufUtil.getBytes(frame.content())));
        } else if (frame instanceof CloseWebSocketFrame close) {
            release();
            session.closeReceived(close);
        }
    }

    /** Adds a fragment; over the limit, the connection is closed with 1009 and {@code false} said. */
    private boolean add(ByteBuf content) {
        if (fragments.readableBytes() + (long) content.readableBytes() > maxMessageBytes) {
            release();
            tooBig();
            return false;
        }
        fragments.addComponent(true, content.retain());
        return true;
    }

    private void message(boolean text, ByteBuf content) {
        if (text) {
            if (!ByteBufUtil.isText(content, StandardCharsets.UTF_8)) {
                session.refuse(1007, "The text is not valid UTF-8");
                return;
            }
            session.text(content.toString(StandardCharsets.UTF_8));
        } else {
            session.binary(ByteBuffer.wrap(ByteBufUtil.getBytes(content)));
        }
    }

    private void tooBig() {
        // The words the runtime uses when it refuses a message over the limit itself.
        session.refuse(1009, "Message too big: the limit is " + maxMessageBytes + " bytes");
    }

    private void release() {
        if (fragments != null) {
            fragments.release();
            fragments = null;
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable error) {
        if (error instanceof CorruptedWebSocketFrameException refused) {
            if (refused.closeStatus().code() == 1009) {
                tooBig();
            } else {
                session.refuse(refused.closeStatus().code(), refused.getMessage());
            }
        } else if (error instanceof IOException) {
            LOG.log(Level.FINE, "Connection " + context.channel() + " failed", error);
            context.close();
        } else {
            session.failed(error);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        release();
        session.dropped();
    }
}
