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

    private final WebSocketEngine engine;
    private final WebSocketEngine limited;

    /**
     * @param limitOfPath the {@code maxMessageBytes} of the channel at a request path, -1 for none:
     *     Tyrus reads each connection through it ({@link TyrusMessageLimit})
     * @param scheduler where a refused connection's socket is closed when its client never answers
     */
    GrizzlyChannelContainer(ToLongFunction<String> limitOfPath, Supplier<ScheduledExecutorService> scheduler) {
        super((Set<Class<?>>) null);
        this.engine = TyrusWebSocketEngine.builder(this).build();
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
