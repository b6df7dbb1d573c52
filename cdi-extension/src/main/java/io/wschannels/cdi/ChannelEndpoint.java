package io.wschannels.cdi;

import io.wschannels.Channel;
import io.wschannels.cdi.handshake.Handshake;
import io.wschannels.cdi.runtime.Callbacks;
import io.wschannels.cdi.runtime.ChannelRuntime;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The JSR-356 endpoint behind every channel, one instance per connection: the adapter between the
 * WebSocket container and the channel's runtime. It hands the container's open, message, error and
 * close callbacks to the connection's {@link Callbacks}, and nothing else.
 *
 * <p>Public with a public constructor only because servlet containers scan for concrete
 * {@link Endpoint} classes: Tyrus (Payara, GlassFish) creates no WebSocket container at all for a
 * web application in which its scan finds no endpoint class, and this class is what it finds when
 * an application has nothing but channels. Not an API.
 */
public final class ChannelEndpoint extends Endpoint {

    private static final Logger LOG = Logger.getLogger(ChannelEndpoint.class.getName());

    private final ChannelRuntime runtime;
    private volatile Callbacks callbacks;

    /** Never used to serve connections; exists for the container's class scanning (see above). */
    public ChannelEndpoint() {
        this(null);
    }

    ChannelEndpoint(ChannelRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        if (runtime == null) {
            throw new IllegalStateException(getClass().getName() + " serves only endpoints registered by the channel"
                    + " runtime; do not register it yourself");
        }
        // Containers buffer messages of any size unless told otherwise. Where they honour these
        // settings they refuse larger messages themselves; Admission checks the rest (Tyrus applies
        // them only to messages that arrive in fragments).
        int most = runtime.definition().limits().maxMessageBytes();
        session.setMaxTextMessageBufferSize(most);
        session.setMaxBinaryMessageBufferSize(most);
        // Taken out again: the session keeps its user properties for its whole life.
        Object handshake = session.getUserProperties().remove(Handshake.KEY);
        Object provided = session.getUserProperties().remove(ChannelDeployment.INSTANCE);
        Callbacks opened = runtime.open(
                session,
                handshake instanceof Handshake h ? h : Handshake.NONE,
                provided instanceof Channel made ? made : null);
        callbacks = opened;
        try {
            if (opened.isConnected()) {
                listen(session, opened, most);
            }
        } finally {
            opened.openCallbackReturned();
        }
    }

    private static void listen(Session session, Callbacks callbacks, int maxMessageBytes) {
        try {
            if (MessageParts.needed(session)) {
                session.addMessageHandler(String.class, new MessageParts.Text(callbacks, maxMessageBytes));
                session.addMessageHandler(ByteBuffer.class, new MessageParts.Binary(callbacks, maxMessageBytes));
            } else {
                session.addMessageHandler(String.class, (MessageHandler.Whole<String>) callbacks::text);
                session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) callbacks::binary);
            }
            session.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>)
                    pong -> callbacks.pong(pong.getApplicationData()));
        } catch (IllegalStateException closedMeanwhile) {
            // The peer went away during onConnect; the container's onClose ends the connection.
            LOG.log(Level.FINE, "Could not listen to " + callbacks + ", closed during onConnect", closedMeanwhile);
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        Callbacks current = callbacks;
        if (current != null) {
            current.error(error);
        }
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        Callbacks current = callbacks;
        if (current != null) {
            current.end(closeReason);
        }
    }
}
