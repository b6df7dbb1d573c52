package io.wschannels.cdi;

import io.wschannels.Channel;
import io.wschannels.TokenVerifier;
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
    private final Presences.Shared presence;
    private volatile String shutdownReason;
    private final Threads threads = new Threads();
    private final Heartbeats heartbeats = new Heartbeats(threads);
    private volatile MessageValidation validation = MessageValidation.NONE;
    private volatile Gate gate;

    ChannelDeployment(List<ChannelDefinition> definitions) {
        this.definitions = definitions;
        this.broadcasts = new Broadcasts(json);
        this.presence = new Presences.Shared(broadcasts.server(), json);
        for (ChannelDefinition definition : definitions) {
            ChannelRegistry<?> registry = new ChannelRegistry<>(definition, broadcasts, presence);
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
        if (gate == null) {
            beanManager = manager;
            gate = new Gate(manager == null ? null : tokenVerifier(manager));
            if (definitions.stream().anyMatch(d -> !d.handlers().isEmpty())) {
                validation = MessageValidation.create(manager);
            }
            broadcasts.use(manager == null ? new Broadcasts.InProcess() : transport(manager));
            if (manager != null) {
                presence.store = presenceStore(manager);
            }
            presence.store.start(presence.server, departure -> {
                ChannelRegistry<?> registry = registries.values().stream()
                        .filter(r -> r.definition().type().getName().equals(departure.channel())).findFirst().orElse(null);
                if (registry != null) {
                    registry.departed(departure.room(), departure.entry());
                }
            });
            heartbeats.start(definitions, () -> new ArrayList<>(live));
        }
    }

    /** The application's token verifier, or {@code null}; said once in the log for authenticated channels. */
    private TokenVerifier tokenVerifier(BeanManager manager) {
        List<String> authenticated = definitions.stream().filter(ChannelDefinition::authenticated)
                .map(ChannelDefinition::describe).toList();
        Set<Bean<?>> beans = manager.getBeans(TokenVerifier.class);
        if (beans.isEmpty()) {
            if (!authenticated.isEmpty()) {
                LOG.info(() -> "Channels " + authenticated + " require authentication, and the application has no "
                        + TokenVerifier.class.getName() + " bean: they admit only users the server authenticates"
                        + " (Jakarta Security, a login session). Add a TokenVerifier bean to admit clients with tokens.");
            }
            return null;
        }
        Bean<?> bean = manager.resolve(beans); // ambiguity was reported at deployment (ChannelExtension)
        TokenVerifier verifier = (TokenVerifier) manager.getReference(bean, TokenVerifier.class,
                manager.createCreationalContext(bean));
        if (!authenticated.isEmpty()) {
            LOG.info(() -> "Channels " + authenticated + " verify tokens with " + bean.getBeanClass().getName());
        }
        return verifier;
    }

    /**
     * Whether an upgrade request to {@code path} should be refused before the upgrade, for hooks
     * that run in front of the WebSocket container (a servlet filter, a Grizzly filter). Returns
     * {@code null} to let the request through (it is decided again in the handshake), else what to
     * answer; the refusal has been logged. Not for applications.
     *
     * @param path the request path within the application, without query
     * @param query the raw query string, or {@code null}
     * @param header the values of a request header, by name in any case; empty when absent
     * @param containerUser the user the server authenticated, or {@code null}
     */
    public Refusal refuseBeforeUpgrade(String path, String query, java.util.function.Function<String, List<String>> header,
            java.security.Principal containerUser) {
        Gate current = gate;
        if (current == null || shutdownReason != null) {
            return null;
        }
        ChannelDefinition definition = match(path);
        if (definition == null) {
            return null;
        }
        Gate.Verdict verdict = current.check(definition, new Gate.Request() {
            @Override
            public List<String> headers(String name) {
                List<String> values = header.apply(name);
                return values == null ? List.of() : values;
            }

            @Override
            public String queryParam(String name) {
                List<String> values = LiveConnection.parseQuery(query).get(name);
                return values == null || values.isEmpty() ? null : values.get(0);
            }

            @Override
            public java.security.Principal containerUser() {
                return containerUser;
            }
        });
        if (!verdict.refused() || !verdict.beforeUpgrade()) {
            return null;
        }
        LOG.log(verdict.status() == 500 ? java.util.logging.Level.WARNING : java.util.logging.Level.INFO,
                verdict.describe(definition));
        String body = Json.refusal(verdict.message(), verdict.code());
        String challenge = verdict.status() == 401 ? "Bearer error=\"invalid_token\", error_description="
                + Json.quote(verdict.message()) : null;
        return new Refusal(verdict.status(), challenge, body);
    }

    /**
     * An HTTP answer instead of the upgrade.
     *
     * @param status 401, 403 or 500
     * @param wwwAuthenticate the {@code WWW-Authenticate} header for 401, else {@code null}
     * @param body a JSON error envelope ({@code application/json})
     */
    public record Refusal(int status, String wwwAuthenticate, String body) {
    }

    /** The channel whose route matches a request path as Jakarta WebSocket matches it, or {@code null}. */
    ChannelDefinition match(String path) {
        ChannelDefinition best = null;
        for (ChannelDefinition definition : definitions) {
            if (definition.route().matches(path) && (best == null
                    || RouteTemplate.MORE_SPECIFIC.compare(definition.route(), best.route()) < 0)) {
                best = definition;
            }
        }
        return best;
    }

    Gate gate() {
        Gate current = gate;
        return current != null ? current : new Gate(null);
    }

    /** The application's presence store bean if it has one, else this server's memory. */
    private static io.wschannels.spi.PresenceStore presenceStore(BeanManager beanManager) {
        Set<Bean<?>> beans = beanManager.getBeans(io.wschannels.spi.PresenceStore.class);
        if (beans.isEmpty()) {
            return new Presences.InMemory();
        }
        Bean<?> bean = beanManager.resolve(beans);
        return (io.wschannels.spi.PresenceStore) beanManager.getReference(bean, io.wschannels.spi.PresenceStore.class,
                beanManager.createCreationalContext(bean));
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
        for (ServerEndpointConfig config : endpointConfigs(beanManager)) {
            container.addEndpoint(config);
            LOG.info(() -> "Channel " + config.getUserProperties().get(CHANNEL_CLASS) + " listens on " + config.getPath());
        }
    }

    /** The user property of each endpoint configuration that names its channel class. */
    public static final String CHANNEL_CLASS = ChannelDeployment.class.getName() + ".channel";

    /**
     * The endpoint configurations of the channels, one per channel, for integrations that act as
     * the WebSocket container themselves (the test kit); {@link #registerWith} hands them to a
     * real container. Binds {@code beanManager} as {@code registerWith} does.
     *
     * @param beanManager the bean manager that creates channel instances, or {@code null} for a
     *        deployment made with {@link #withoutCdi}
     */
    public List<ServerEndpointConfig> endpointConfigs(BeanManager beanManager) {
        attach(beanManager);
        List<ServerEndpointConfig> configs = new ArrayList<>();
        for (ChannelDefinition definition : definitions) {
            ServerEndpointConfig config = ServerEndpointConfig.Builder
                    .create(ChannelEndpoint.class, definition.route().path())
                    .configurator(new ChannelConfigurator(definition, this))
                    // A browser sends its token as the protocol after "bearer"; the container answers
                    // "bearer", which the browser requires to see among the protocols it offered.
                    .subprotocols(definition.authenticated() ? List.of(Gate.BEARER_PROTOCOL) : List.of())
                    .build();
            config.getUserProperties().put(CHANNEL_CLASS, definition.type().getName());
            configs.add(config);
        }
        return configs;
    }

    /**
     * A deployment of channels whose instances the caller creates with {@code new} (the test
     * kit's plain mode): checked like discovered channels, without CDI. Each connection's instance
     * is handed over in the handshake's user properties under {@link #INSTANCE}.
     *
     * @throws jakarta.enterprise.inject.spi.DefinitionException listing every problem of the channels
     */
    public static ChannelDeployment withoutCdi(List<Class<? extends Channel>> channels) {
        List<String> problems = new ArrayList<>();
        List<ChannelDefinition> found = new ArrayList<>();
        Map<Class<?>, Class<?>> scopes = new HashMap<>();
        channels.forEach(type -> scopes.put(type, jakarta.enterprise.context.Dependent.class));
        for (Class<? extends Channel> type : channels) {
            ChannelDefinition definition = ChannelRules.check(type, scopes, problems);
            if (definition != null) {
                found.add(definition);
            }
        }
        ChannelRules.checkDistinctRoutes(found, problems);
        if (!problems.isEmpty()) {
            throw new jakarta.enterprise.inject.spi.DefinitionException(ChannelRules.report(problems));
        }
        return new ChannelDeployment(List.copyOf(found));
    }

    /**
     * The handshake user property that carries a channel instance made by the caller, for
     * deployments made with {@link #withoutCdi}.
     */
    public static final String INSTANCE = ChannelDeployment.class.getName() + ".instance";

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
        presence.store.stop();
        broadcasts.stop();
        threads.stop();
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

    Threads threads() {
        return threads;
    }

    MessageValidation validation() {
        return validation;
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
