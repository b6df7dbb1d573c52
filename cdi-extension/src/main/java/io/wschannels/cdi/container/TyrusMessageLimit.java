package io.wschannels.cdi.container;

import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.nio.ByteBuffer;
import java.util.function.ToLongFunction;
import java.util.logging.Logger;
import org.glassfish.tyrus.spi.Connection;
import org.glassfish.tyrus.spi.ReadHandler;
import org.glassfish.tyrus.spi.UpgradeRequest;
import org.glassfish.tyrus.spi.UpgradeResponse;
import org.glassfish.tyrus.spi.WebSocketEngine;
import org.glassfish.tyrus.spi.Writer;

/**
 * Refuses a channel's oversized message on Tyrus with 1009 as soon as a frame's header shows it is
 * too big, in front of Tyrus' reading.
 *
 * <p>Why: Tyrus gathers each frame whole in a buffer of its own (4 MiB unless configured) before it
 * looks at it, and applies the session's message size limits only to messages sent in several
 * frames. A single frame larger than that buffer ends in an {@code IllegalArgumentException}
 * ("Buffer overflow"), which Tyrus logs at WARNING with its stack trace and answers with 1011; a
 * smaller one is buffered whole however far it is over the channel's limit. Tyrus reads through
 * its SPI (an {@link WebSocketEngine.UpgradeInfo} makes the {@link Connection} whose
 * {@link ReadHandler} takes the bytes read), so the library puts itself between the two: the
 * bytes pass through unchanged, only their frame headers are read ({@link IncomingFrames}), and
 * from the first frame that takes a message over the limit on, nothing more reaches Tyrus and the
 * connection is closed with 1009 through Tyrus, which sends the close frame and tells the endpoint.
 * Used by the standalone server (around its engine) and on Payara and GlassFish (around the upgrade
 * handler of Tyrus' servlet filter).
 */
public final class TyrusMessageLimit {

    private static final Logger LOG = Logger.getLogger(TyrusMessageLimit.class.getName());

    private TyrusMessageLimit() {}

    /**
     * An engine that limits the connections it upgrades to the limit of the channel at their path.
     *
     * @param engine Tyrus' engine, which does all the rest
     * @param limitOfPath the {@code maxMessageBytes} of the channel at a request path, or a
     *     negative number for a path that is not a channel's (left to Tyrus)
     */
    public static WebSocketEngine engine(WebSocketEngine engine, ToLongFunction<String> limitOfPath) {
        return new WebSocketEngine() {
            @Override
            public UpgradeInfo upgrade(UpgradeRequest request, UpgradeResponse response) {
                UpgradeInfo upgrade = engine.upgrade(request, response);
                long limit = limitOfPath.applyAsLong(request.getRequestURI().getPath());
                return limit < 0 ? upgrade : TyrusMessageLimit.upgrade(upgrade, limit);
            }

            @Override
            public void register(Class<?> endpointClass, String contextPath) throws DeploymentException {
                engine.register(endpointClass, contextPath);
            }

            @Override
            public void register(ServerEndpointConfig serverConfig, String contextPath) throws DeploymentException {
                engine.register(serverConfig, contextPath);
            }
        };
    }

    /** The same upgrade, whose connection refuses messages over {@code maxMessageBytes}. */
    public static WebSocketEngine.UpgradeInfo upgrade(WebSocketEngine.UpgradeInfo upgrade, long maxMessageBytes) {
        return new WebSocketEngine.UpgradeInfo() {
            @Override
            public WebSocketEngine.UpgradeStatus getStatus() {
                return upgrade.getStatus();
            }

            @Override
            public Connection createConnection(Writer writer, Connection.CloseListener closeListener) {
                Connection connection = upgrade.createConnection(writer, closeListener);
                return connection == null ? null : new Limited(connection, maxMessageBytes);
            }
        };
    }

    /** Tyrus' connection, read through the limit. */
    private static final class Limited implements Connection, ReadHandler {

        private final Connection tyrus;
        private final long maxMessageBytes;
        private final IncomingFrames frames;
        private boolean refused;

        Limited(Connection tyrus, long maxMessageBytes) {
            this.tyrus = tyrus;
            this.maxMessageBytes = maxMessageBytes;
            this.frames = new IncomingFrames(maxMessageBytes);
        }

        @Override
        public void handle(ByteBuffer data) {
            int before = frames.inspect(data);
            if (before < 0) {
                tyrus.getReadHandler().handle(data);
                return;
            }
            if (before > 0) {
                ByteBuffer whole = data.duplicate();
                whole.limit(whole.position() + before);
                tyrus.getReadHandler().handle(whole);
            }
            data.position(data.limit()); // the rest is dropped, and all that comes after it
            if (!refused) {
                refused = true;
                LOG.fine(() -> "Closing a connection: a message exceeded " + maxMessageBytes + " bytes");
                tyrus.close(new CloseReason(
                        CloseReason.CloseCodes.TOO_BIG, "Message too big: the limit is " + maxMessageBytes + " bytes"));
            }
        }

        @Override
        public ReadHandler getReadHandler() {
            return this;
        }

        @Override
        public Writer getWriter() {
            return tyrus.getWriter();
        }

        @Override
        public CloseListener getCloseListener() {
            return tyrus.getCloseListener();
        }

        @Override
        public void close(CloseReason reason) {
            tyrus.close(reason);
        }
    }
}
