package io.wschannels.cdi;

import io.wschannels.Channel;
import io.wschannels.spi.BroadcastTransport;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The channels of one application at run time: registers their endpoints with a WebSocket
 * container and ends their connections at shutdown. Integrations (the servlet initializer here,
 * the standalone server) obtain it with {@link #of(BeanManager)} once CDI has started.
 */
public final class ChannelDeployment {

    private static final Logger LOG = Logger.getLogger(ChannelDeployment.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<ChannelDefinition> definitions;
    /**
     * The bean manager that creates channel instances: the one of the web module that registers
     * the endpoints, attached by {@link #registerWith}. Not the one of whoever first asked for the
     * deployment: on Payara, a {@code @Startup} EJB injecting a registry asks first, through a bean
     * manager that cannot see the web module's channel beans.
     */
    private volatile BeanManager beanManager;
    private final Json json = new Json();
    private final Set<ChannelEndpoint> live = ConcurrentHashMap.newKeySet();
    private final Map<Class<?>, ChannelRegistry<?>> registries = new HashMap<>();
    private final Broadcasts broadcasts;
    private volatile String shutdownReason;
    private final Heartbeats heartbeats = new Heartbeats();

    ChannelDeployment(List<ChannelDefinition> definitions) {
        this.definitions = definitions;
        this.broadcasts = new Broadcasts(json);
        for (ChannelDefinition definition : definitions) {
            ChannelRegistry<?> registry = new ChannelRegistry<>(definition, broadcasts);
            registries.put(definition.type(), registry);
            broadcasts.add(registry);
        }
    }

    private final Map<Class<?>, Bean<Channel>> beans = new ConcurrentHashMap<>();

    /**
     * The CDI bean of a channel class, resolved once. By bean class, not by type: a channel that
     * extends another channel is a bean of both types.
     */
    @SuppressWarnings("unchecked")
    Bean<Channel> bean(Class<? extends io.wschannels.Channel> type) {
        return beans.computeIfAbsent(type, t -> {
            for (Bean<?> candidate : beanManager.getBeans(t)) {
                if (candidate.getBeanClass() == t) {
                    return (Bean<Channel>) candidate;
                }
            }
            throw new IllegalStateException("No CDI bean for channel " + t.getName() + " (was it vetoed after"
                    + " discovery?)");
        });
    }

    /** Binds the web module's bean manager, once, and picks the broadcast transport with it. */
    private synchronized void attach(BeanManager manager) {
        if (beanManager == null) {
            beanManager = manager;
            broadcasts.use(transport(manager));
            heartbeats.start(definitions, () -> new ArrayList<>(live));
        }
    }

    /** The application's transport bean if it has exactly one, else the in-process transport. */
    private static BroadcastTransport transport(BeanManager beanManager) {
        Set<Bean<?>> beans = beanManager.getBeans(BroadcastTransport.class);
        if (beans.isEmpty()) {
            return new Broadcasts.InProcess();
        }
        Bean<?> bean = beanManager.resolve(beans);
        BroadcastTransport transport = (BroadcastTransport) beanManager.getReference(bean, BroadcastTransport.class,
                beanManager.createCreationalContext(bean));
        LOG.info(() -> "Broadcasts travel through " + bean.getBeanClass().getName());
        return transport;
    }

    /**
     * The registry of a deployed channel, as {@code @Inject Registry<C>} gives it.
     *
     * @throws IllegalArgumentException if {@code channel} is not deployed, naming those that are
     */
    @SuppressWarnings("unchecked")
    public <C extends io.wschannels.Channel> io.wschannels.Registry<C> registryOf(Class<C> channel) {
        return (io.wschannels.Registry<C>) registry(channel);
    }

    /** The registry of a deployed channel. */
    ChannelRegistry<?> registry(Class<?> channel) {
        ChannelRegistry<?> registry = registries.get(channel);
        if (registry == null) {
            throw new IllegalArgumentException(channel.getName() + " is not a deployed channel; the deployed channels are "
                    + registries.keySet().stream().map(Class::getName).sorted().toList());
        }
        return registry;
    }

    /**
     * The deployment of the application whose CDI container {@code beanManager} belongs to.
     *
     * @throws IllegalStateException if the channel extension did not run in that container
     */
    public static ChannelDeployment of(BeanManager beanManager) {
        ChannelExtension extension;
        try {
            extension = beanManager.getExtension(ChannelExtension.class);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The channel CDI extension is not active in this application, so no channel"
                    + " was discovered. Is channels-cdi on the application's classpath (WEB-INF/lib), with its"
                    + " META-INF/services entry intact?", e);
        }
        return extension.deployment();
    }

    /** The routes of the discovered channels, in Jakarta form, sorted. */
    public List<String> routes() {
        return definitions.stream().map(d -> d.route().path()).toList();
    }

    /**
     * Registers one endpoint per channel. Call before the container starts serving (from a
     * {@code ServletContextListener}, or before starting a standalone container).
     *
     * @param container the WebSocket container
     * @param beanManager the bean manager of the module the channels belong to (the web module);
     *        it creates the channel instances and finds the application's broadcast transport
     *
     * @throws DeploymentException if the container refuses an endpoint
     */
    public void registerWith(ServerContainer container, BeanManager beanManager) throws DeploymentException {
        attach(beanManager);
        for (ChannelDefinition definition : definitions) {
            ServerEndpointConfig config = ServerEndpointConfig.Builder
                    .create(ChannelEndpoint.class, definition.route().path())
                    .configurator(new ChannelConfigurator(definition, this))
                    .build();
            container.addEndpoint(config);
            LOG.info(() -> "Channel " + definition.type().getName() + " listens on " + definition.route().path());
        }
    }

    /** How many connections are open now. */
    public int openConnections() {
        return live.size();
    }

    /**
     * Closes every open connection with 1001 (going away) and the given reason, waits up to
     * {@code grace} for the close handshakes, then ends the connections still open (their
     * {@code onClose} runs with 1001 and their instances are destroyed).
     *
     * @return the number of connections that were open
     */
    public int shutdown(String reason, Duration grace) {
        shutdownReason = reason; // from now on new connections are refused (see ChannelEndpoint)
        heartbeats.stop();
        List<ChannelEndpoint> open = new ArrayList<>(live);
        CloseReason goingAway = new CloseReason(CloseReason.CloseCodes.GOING_AWAY, reason);
        for (ChannelEndpoint endpoint : open) {
            endpoint.connection().close(goingAway.getCloseCode(), reason);
        }
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (live) {
            while (!live.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(live, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        for (ChannelEndpoint endpoint : new ArrayList<>(live)) {
            endpoint.end(goingAway);
        }
        broadcasts.stop();
        json.close();
        return open.size();
    }

    /** Why new connections are refused, or {@code null} while the deployment runs. */
    String shutdownReason() {
        return shutdownReason;
    }

    void opened(ChannelEndpoint endpoint) {
        live.add(endpoint);
    }

    void ended(ChannelEndpoint endpoint) {
        live.remove(endpoint);
        synchronized (live) {
            live.notifyAll();
        }
    }

    BeanManager beanManager() {
        return beanManager;
    }

    Json json() {
        return json;
    }

    /** 12 random bytes (16 characters), URL-safe: unguessable, so an id can be shown to other clients. */
    String nextId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
