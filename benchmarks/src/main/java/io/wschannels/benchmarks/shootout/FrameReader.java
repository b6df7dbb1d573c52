package io.wschannels.benchmarks.shootout;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import java.util.List;

/**
 * Reads the server's WebSocket frames in place, without a frame object per message: the driver must
 * read faster than the fastest server writes. Text messages go to {@link Sink#text} as a view of
 * the received bytes (fragments joined first); pings are answered; a close frame goes to
 * {@link Sink#closed}, and a masked frame from the server is reported.
 */
final class FrameReader extends ByteToMessageDecoder {

    /** What the reader hands on. */
    interface Sink {
        void text(ByteBuf message);

        /** The server's close frame, with its code (1005 when it carries none). */
        void closed(int code);

        void problem(String problem);
    }

    private final Sink sink;
    private ByteBuf fragments;

    FrameReader(Sink sink) {
        this.sink = sink;
    }

    @Override
    protected void decode(ChannelHandlerContext context, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= 2) {
            int start = in.readerIndex();
            int first = in.getUnsignedByte(start);
            int second = in.getUnsignedByte(start + 1);
            if ((second & 0x80) != 0) {
                sink.problem("the server sent a masked frame");
                context.close();
                return;
            }
            int header = 2;
            long length = second & 0x7F;
            if (length == 126) {
                if (in.readableBytes() < 4) {
                    return;
                }
                length = in.getUnsignedShort(start + 2);
                header = 4;
            } else if (length == 127) {
                if (in.readableBytes() < 10) {
                    return;
                }
                length = in.getLong(start + 2);
                header = 10;
            }
            if (in.readableBytes() < header + length) {
                return;
            }
            ByteBuf payload = in.slice(start + header, (int) length);
            in.skipBytes(header + (int) length);
            boolean fin = (first & 0x80) != 0;
            switch (first & 0x0F) {
                case 0x1, 0x0 -> text(context, payload, fin);
                case 0x8 -> sink.closed(length >= 2 ? payload.getUnsignedShort(payload.readerIndex()) : 1005);
                // From the channel, not this handler's context: the frame encoder sits behind this handler.
                case 0x9 -> context.channel().writeAndFlush(new PongWebSocketFrame(payload.retain()));
                default -> {
                    // pongs and binary frames are not part of the protocol; skipped
                }
            }
        }
    }

    private void text(ChannelHandlerContext context, ByteBuf payload, boolean fin) {
        if (fin && fragments == null) {
            sink.text(payload);
            return;
        }
        if (fragments == null) {
            fragments = context.alloc().buffer();
        }
        fragments.writeBytes(payload);
        if (fin) {
            try {
                sink.text(fragments);
            } finally {
                fragments.release();
                fragments = null;
            }
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext context) {
        if (fragments != null) {
            fragments.release();
            fragments = null;
        }
    }
}
