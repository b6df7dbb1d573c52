package io.wschannels.cdi.container;

import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.tyrus.spi.CompletionHandler;
import org.glassfish.tyrus.spi.Connection;
import org.glassfish.tyrus.spi.ReadHandler;
import org.glassfish.tyrus.spi.UpgradeRequest;
import org.glassfish.tyrus.spi.UpgradeResponse;
import org.glassfish.tyrus.spi.WebSocketEngine;
import org.glassfish.tyrus.spi.Writer;
import org.glassfish.tyrus.spi.WriterInfo;

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
 * The socket is then kept open, its bytes read and dropped, until the client answers with its own
 * close (or for {@link #LINGER_MILLIS} at most): a client still sending the message would
 * otherwise have its writes reset by the closed socket, and many clients (browsers, the JDK's)
 * then report that reset (1006) instead of the 1009 they were sent (RFC 6455 section 7.1.1: the
 * server closes the TCP connection once the closing handshake is done). Used by the standalone
 * server (around its engine) and on Payara and GlassFish (around the upgrade handler of Tyrus'
 * servlet filter).
 */
public final class TyrusMessageLimit {

    private static final Logger LOG = Logger.getLogger(TyrusMessageLimit.class.getName());

    /**
     * How long a refused client is given to answer the close before its socket is closed: as long
     * as the standalone server on Netty gives a client to answer any close.
     */
    static final long LINGER_MILLIS = 2_000;

    private TyrusMessageLimit() {}

    /**
     * An engine that limits the connections it upgrades to the limit of the channel at their path.
     *
     * @param engine Tyrus' engine, which does all the rest
     * @param limitOfPath the {@code maxMessageBytes} of the channel at a request path, or a
     *     negative number for a path that is not a channel's (left to Tyrus)
     * @param scheduler where a refused connection's socket is closed when its client never answers
     */
    public static WebSocketEngine engine(
            WebSocketEngine engine, ToLongFunction<String> limitOfPath, Supplier<ScheduledExecutorService> scheduler) {
        return new WebSocketEngine() {
            @Override
            public UpgradeInfo upgrade(UpgradeRequest request, UpgradeResponse response) {
                UpgradeInfo upgrade = engine.upgrade(request, response);
                long limit = limitOfPath.applyAsLong(request.getRequestURI().getPath());
                return limit < 0 ? upgrade : TyrusMessageLimit.upgrade(upgrade, limit, scheduler);
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
    public static WebSocketEngine.UpgradeInfo upgrade(
            WebSocketEngine.UpgradeInfo upgrade, long maxMessageBytes, Supplier<ScheduledExecutorService> scheduler) {
        return new WebSocketEngine.UpgradeInfo() {
            @Override
            public WebSocketEngine.UpgradeStatus getStatus() {
                return upgrade.getStatus();
            }

            @Override
            public Connection createConnection(Writer writer, Connection.CloseListener closeListener) {
                Lingering lingering = new Lingering(writer);
                Connection connection = upgrade.createConnection(lingering, closeListener);
                return connection == null ? null : new Limited(connection, maxMessageBytes, lingering, scheduler);
            }
        };
    }

    /**
     * The transport's writer, whose closing (Tyrus closes the socket through its writer once it has
     * sent its close frame) waits, after a refusal, for the client's close or the linger time.
     */
    private static final class Lingering extends Writer {

        private final Writer transport;
        private boolean lingering;
        private boolean closeAsked;
        private boolean closed;

        Lingering(Writer transport) {
            this.transport = transport;
        }

        @Override
        public void write(ByteBuffer buffer, CompletionHandler<ByteBuffer> completionHandler) {
            transport.write(buffer, completionHandler);
        }

        @Override
        public void write(ByteBuffer buffer, CompletionHandler<ByteBuffer> completionHandler, WriterInfo writerInfo) {
            transport.write(buffer, completionHandler, writerInfo);
        }

        /** From now on a close waits for {@link #closeNow()}, which comes at the latest after the linger time. */
        void linger(ScheduledExecutorService scheduler) {
            synchronized (this) {
                lingering = true;
            }
            try {
                scheduler.schedule(this::closeNow, LINGER_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                closeNow(); // the application is stopping: no waiting
            }
        }

        /** Closes the socket now if Tyrus has asked for it, else as soon as it does. */
        void closeNow() {
            synchronized (this) {
                lingering = false;
                if (!closeAsked || closed) {
                    return;
                }
                closed = true;
            }
            closeTransport();
        }

        @Override
        public void close() {
            synchronized (this) {
                closeAsked = true;
                if (lingering || closed) {
                    return;
                }
                closed = true;
            }
            closeTransport();
        }

        private void closeTransport() {
            try {
                transport.close();
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "Could not close a refused connection's socket", e);
            }
        }
    }

    /** Tyrus' connection, read through the limit. */
    private static final class Limited implements Connection, ReadHandler {

        private final Connection tyrus;
        private final long maxMessageBytes;
        private final IncomingFrames frames;
        private final Lingering lingering;
        private final Supplier<ScheduledExecutorService> scheduler;
        private boolean refused;

        Limited(
                Connection tyrus,
                long maxMessageBytes,
                Lingering lingering,
                Supplier<ScheduledExecutorService> scheduler) {
            this.tyrus = tyrus;
            this.maxMessageBytes = maxMessageBytes;
            this.frames = new IncomingFrames(maxMessageBytes);
            this.lingering = lingering;
            this.scheduler = scheduler;
        }

        @Override
        public void handle(ByteBuffer data) {
            if (refused) {
                if (frames.closeBegun(data)) {
                    lingering.closeNow(); // the client answered: the closing handshake is done
                }
                data.position(data.limit());
                return;
            }
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
            refused = true;
            LOG.fine(() -> "Closing a connection: a message exceeded " + maxMessageBytes + " bytes");
            lingering.linger(scheduler.get());
            tyrus.close(new CloseReason(
                    CloseReason.CloseCodes.TOO_BIG, "Message too big: the limit is " + maxMessageBytes + " bytes"));
            // The rest is dropped, and all that comes after it, until the client's close.
            ByteBuffer rest = data.duplicate();
            rest.position(frames.foundHeaderEnd());
            if (frames.closeBegun(rest)) {
                lingering.closeNow();
            }
            data.position(data.limit());
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
