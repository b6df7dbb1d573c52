package io.wschannels.cdi;

import io.wschannels.cdi.connection.Utf8;
import io.wschannels.cdi.container.UndertowSessions;
import io.wschannels.cdi.runtime.Callbacks;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;

/**
 * Messages taken in parts where a container would buffer a whole message before it checks its
 * size: the parts are gathered here and the message refused with 1009 as soon as they pass the
 * channel's limit, so no more than the limit (and one part) is ever held.
 *
 * <p>Where: Undertow (WildFly). For a whole-message handler, Undertow 2.3 gathers the message and
 * compares its size with the session's limit only at its end when the message arrives over several
 * reads (its {@code BufferedTextMessage} read listener; UNDERTOW-2770, fixed after 2.3.23, the
 * version WildFly 39 ships), so a client could make it hold any amount before the 1009. For a
 * partial handler it hands over each buffer as it is read. Elsewhere whole-message handlers are
 * used: Tyrus is read through {@code container.TyrusMessageLimit}, Open Liberty and the standalone
 * server on Netty refuse an oversized frame from its header.
 */
final class MessageParts {

    private MessageParts() {}

    /** @return whether this session's messages are taken in parts */
    static boolean needed(Session session) {
        return UndertowSessions.is(session);
    }

    /** Text parts, whose limit counts UTF-8 bytes. */
    static final class Text implements MessageHandler.Partial<String> {

        private final Callbacks callbacks;
        private final int maxMessageBytes;
        private StringBuilder parts;
        private int bytes;
        private boolean refused;

        Text(Callbacks callbacks, int maxMessageBytes) {
            this.callbacks = callbacks;
            this.maxMessageBytes = maxMessageBytes;
        }

        @Override
        public void onMessage(String part, boolean last) {
            if (refused) {
                return;
            }
            if (parts == null && last) {
                callbacks.text(part); // one part: the runtime checks it as any whole message
                return;
            }
            long total = (long) bytes + Utf8.length(part);
            if (total > maxMessageBytes) {
                refused = true;
                parts = null;
                callbacks.tooBig((int) Math.min(Integer.MAX_VALUE, total));
                return;
            }
            bytes = (int) total;
            if (parts == null) {
                parts = new StringBuilder(Math.max(16, bytes));
            }
            parts.append(part);
            if (last) {
                String message = parts.toString();
                parts = null;
                bytes = 0;
                callbacks.text(message);
            }
        }
    }

    /** Binary parts. */
    static final class Binary implements MessageHandler.Partial<ByteBuffer> {

        private final Callbacks callbacks;
        private final int maxMessageBytes;
        private ByteBuffer parts;
        private boolean refused;

        Binary(Callbacks callbacks, int maxMessageBytes) {
            this.callbacks = callbacks;
            this.maxMessageBytes = maxMessageBytes;
        }

        @Override
        public void onMessage(ByteBuffer part, boolean last) {
            if (refused) {
                return;
            }
            if (parts == null && last) {
                callbacks.binary(part);
                return;
            }
            long total = (long) (parts == null ? 0 : parts.position()) + part.remaining();
            if (total > maxMessageBytes) {
                refused = true;
                parts = null;
                callbacks.tooBig((int) Math.min(Integer.MAX_VALUE, total));
                return;
            }
            if (parts == null || parts.remaining() < part.remaining()) {
                ByteBuffer larger = ByteBuffer.allocate((int) Math.min(maxMessageBytes, Math.max(total, 2L * total)));
                if (parts != null) {
                    larger.put(parts.flip());
                }
                parts = larger;
            }
            parts.put(part);
            if (last) {
                ByteBuffer message = parts.flip();
                parts = null;
                callbacks.binary(message);
            }
        }
    }
}
