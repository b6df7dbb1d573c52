package io.wschannels.tyrus;

import io.wschannels.cdi.container.TyrusMessageLimit;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.reflect.Constructor;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.ServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * A Tyrus server container whose HTTP side is a Grizzly server we build ourselves, so that the same
 * port can serve static files and TLS, and the bind address is honoured. Tyrus' own
 * Grizzly container creates its {@code HttpServer} privately and always binds 0.0.0.0.
 */
final class GrizzlyChannelContainer extends TyrusServerContainer {

    private static final String CONTEXT_PATH = "/";

    /** Tyrus' own incoming buffer size: 4 MiB of payload and 11 bytes of frame header. */
    private static final int TYRUS_DEFAULT_BUFFER = 4 * 1024 * 1024 + 11;

    private final WebSocketEngine engine;
    private final WebSocketEngine limited;

    /**
     * @param limitOfPath the {@code maxMessageBytes} of the channel at a request path, -1 for none:
     *     Tyrus reads each connection through it ({@link TyrusMessageLimit})
     * @param largestLimit the largest {@code maxMessageBytes} of the channels
     * @param scheduler where a refused connection's socket is closed when its client never answers
     */
    GrizzlyChannelContainer(
            ToLongFunction<String> limitOfPath, long largestLimit, Supplier<ScheduledExecutorService> scheduler) {
        super((Set<Class<?>>) null);
        // Tyrus gathers each frame whole in a buffer of this size and fails a larger one with 1011:
        // at least Tyrus' default, and room for the largest message a channel accepts in one frame.
        int buffer = (int) Math.min(Integer.MAX_VALUE, Math.max(TYRUS_DEFAULT_BUFFER, largestLimit + 14));
        this.engine =
                TyrusWebSocketEngine.builder(this).incomingBufferSize(buffer).build();
        this.limited = TyrusMessageLimit.engine(engine, limitOfPath, scheduler);
    }

    @Override
    public void register(Class<?> endpointClass) throws DeploymentException {
        engine.register(endpointClass, CONTEXT_PATH);
    }

    @Override
    public void register(ServerEndpointConfig serverEndpointConfig) throws DeploymentException {
        engine.register(serverEndpointConfig, CONTEXT_PATH);
    }

    @Override
    public WebSocketEngine getWebSocketEngine() {
        return limited;
    }

    /**
     * Tyrus' add-on that puts the WebSocket upgrade filter into a Grizzly listener. The class is
     * public so that custom Grizzly servers can use it (Tyrus says so in its source), but its
     * constructor is package-private, hence the reflective call.
     */
    AddOn webSocketAddOn() {
        try {
            Constructor<WebSocketAddOn> constructor =
                    WebSocketAddOn.class.getDeclaredConstructor(ServerContainer.class, String.class);
            constructor.setAccessible(true);
            return constructor.newInstance(this, CONTEXT_PATH);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException(
                    "This Tyrus version's WebSocketAddOn cannot be created (its constructor"
                            + " changed?). Use the Tyrus version this library was built with.",
                    e);
        }
    }
}
