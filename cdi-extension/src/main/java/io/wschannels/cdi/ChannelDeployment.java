package io.wschannels.cdi;

import io.wschannels.Channel;
import io.wschannels.Presence;
import io.wschannels.Registry;
import io.wschannels.TokenVerifier;
import io.wschannels.cdi.admin.AdminView;
import io.wschannels.cdi.admin.ChannelActivity;
import io.wschannels.cdi.broadcast.Broadcasts;
import io.wschannels.cdi.broadcast.ChannelPresence;
import io.wschannels.cdi.broadcast.ChannelRegistry;
import io.wschannels.cdi.broadcast.PresenceStores;
import io.wschannels.cdi.discovery.ChannelDefinition;
import io.wschannels.cdi.discovery.ChannelRules;
import io.wschannels.cdi.handshake.Gate;
import io.wschannels.cdi.health.ReadinessReport;
import io.wschannels.cdi.json.JsonCodec;
import io.wschannels.cdi.metrics.ChannelReading;
import io.wschannels.cdi.metrics.MeteredChannel;
import io.wschannels.cdi.metrics.MetricsFacilities;
import io.wschannels.cdi.runtime.Callbacks;
import io.wschannels.cdi.runtime.ChannelInstances;
import io.wschannels.cdi.runtime.ChannelRuntime;
import io.wschannels.cdi.runtime.MessageValidation;
import io.wschannels.cdi.runtime.Shutdown;
import io.wschannels.cdi.runtime.Threads;
import io.wschannels.cdi.tracing.Tracing;
import io.wschannels.spi.BroadcastTransport;
import io.wschannels.spi.PresenceStore;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Logger;

/**
 * The channels of one application at run time, and what integrations call: it registers one
 * endpoint per channel with a WebSocket container (building each channel's {@link ChannelRuntime}
 * then), answers hooks in front of the upgrade (its {@link BeforeUpgrade}), and ends the
 * connections at shutdown. Integrations (the servlet initializer here, the standalone server, the
 * test kit) obtain it with {@link #of(BeanManager)} once CDI has started. Not an API.
 */
public final class ChannelDeployment {

    /** The user property of each endpoint configuration that names its channel class. */
    public static final String CHANNEL_CLASS = ChannelDeployment.class.getName() + ".channel";

    /**
     * The handshake user property that carries a channel instance made by the caller, for
     * deployments made with {@link #withoutCdi}.
     */
    public static final String INSTANCE = ChannelDeployment.class.getName() + ".instance";

    /**
     * The endpoint configuration's user property that holds the channel's largest message in bytes
     * (an {@code Integer}), for containers that set their frame limits before the connection opens.
     */
    public static final String MAX_MESSAGE_BYTES = ChannelDeployment.class.getName() + ".maxMessageBytes";

    private static final Logger LOG = Logger.getLogger(ChannelDeployment.class.getName());

    private final List<ChannelDefinition> definitions;
    private final JsonCodec json = new JsonCodec();
    private final Broadcasts broadcasts = new Broadcasts(json);
    private final PresenceStores presenceStores = new PresenceStores(broadcasts.server());
    /** Made with the deployment: registries and presence are injectable before the channels are registered. */
    private final Map<Class<?>, ChannelRegistry<?>> registries = new HashMap<>();

    private final Map<Class<?>, ChannelPresence<?>> presences = new HashMap<>();
    private final Threads threads = new Threads();
    private final Shutdown shutdown = new Shutdown();
    /** Built when the channels are registered, with the web module's bean manager. */
    private volatile List<ChannelRuntime> runtimes;
    /** When the channels were registered; until then, when the deployment was made. */
    private volatile Instant registered = Instant.now();

    private volatile Gate gate;

    private volatile BeforeUpgrade beforeUpgrade;

    /** The servers' metrics facilities the channels' meters are registered with, if any. */
    private volatile MetricsFacilities facilities = MetricsFacilities.NONE;

    ChannelDeployment(List<ChannelDefinition> definitions) {
        this.definitions = definitions;
        this.beforeUpgrade = BeforeUpgrade.starting(definitions, shutdown);
        for (ChannelDefinition definition : definitions) {
            ChannelRegistry<?> registry = new ChannelRegistry<>(definition, broadcasts);
            registries.put(definition.type(), registry);
            presences.put(definition.type(), presence(registry));
        }
    }

    private <C extends Channel> ChannelPresence<C> presence(ChannelRegistry<C> registry) {
        return new ChannelPresence<>(registry, presenceStores);
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
            throw new IllegalStateException(
                    "The channel CDI extension is not active in this application, so no channel"
                            + " was discovered. Is channels-cdi on the application's classpath (WEB-INF/lib), with its"
                            + " META-INF/services entry intact?",
                    e);
        }
        return extension.deployment();
    }

    /**
     * A deployment of channels whose instances the caller creates with {@code new} (the test kit's
     * plain mode): checked like discovered channels, without CDI. Each connection's instance is
     * handed over in the handshake's user properties under {@link #INSTANCE}.
     *
     * @throws DefinitionException listing every problem of the channels
     */
    public static ChannelDeployment withoutCdi(List<Class<? extends Channel>> channels) {
        return new ChannelDeployment(ChannelRules.checkWithoutCdi(channels));
    }

    /** @return the routes of the discovered channels, in Jakarta form, sorted */
    public List<String> routes() {
        return definitions.stream().map(d -> d.route().path()).toList();
    }

    /**
     * Registers one endpoint per channel. Call before the container starts serving (from a
     * {@code ServletContextListener}, or before starting a standalone container).
     *
     * @param container the WebSocket container
     * @param beanManager the bean manager of the module the channels belong to (the web module): it
     *     creates the channel instances and finds the application's transport and token verifier.
     *     Not the one of whoever first asked for the deployment: on Payara, a {@code @Startup} EJB
     *     injecting a registry asks first, through a bean manager that cannot see the web module's
     *     channel beans.
     * @throws DeploymentException if the container refuses an endpoint
     */
    public void registerWith(ServerContainer container, BeanManager beanManager) throws DeploymentException {
        for (ServerEndpointConfig config : endpointConfigs(beanManager)) {
            container.addEndpoint(config);
            LOG.info(() ->
                    "Channel " + config.getUserProperties().get(CHANNEL_CLASS) + " listens on " + config.getPath());
        }
    }

    /**
     * The endpoint configurations of the channels, one per channel, for integrations that act as
     * the WebSocket container themselves (the test kit); {@link #registerWith} hands them to a real
     * container.
     *
     * @param beanManager as for {@link #registerWith}, or {@code null} for a deployment made with
     *     {@link #withoutCdi}
     */
    public List<ServerEndpointConfig> endpointConfigs(BeanManager beanManager) {
        Gate current = start(beanManager);
        List<ServerEndpointConfig> configs = new ArrayList<>();
        for (ChannelRuntime runtime : runtimes) {
            ChannelDefinition definition = runtime.definition();
            ServerEndpointConfig config = ServerEndpointConfig.Builder.create(
                            ChannelEndpoint.class, definition.route().path())
                    .configurator(new ChannelConfigurator(runtime, current))
                    // A browser sends its token as the protocol after "bearer"; the container answers
                    // "bearer", which the browser requires to see among the protocols it offered.
                    .subprotocols(definition.authenticated() ? List.of(Gate.BEARER_PROTOCOL) : List.of())
                    .build();
            config.getUserProperties().put(CHANNEL_CLASS, definition.type().getName());
            config.getUserProperties()
                    .put(MAX_MESSAGE_BYTES, definition.limits().maxMessageBytes());
            configs.add(config);
        }
        return configs;
    }

    /** Builds, once, what the channels need at run time from the web module's beans. */
    private synchronized Gate start(BeanManager manager) {
        if (runtimes != null) {
            return gate;
        }
        TokenVerifier verifier = manager == null ? null : ApplicationBeans.tokenVerifier(manager, definitions);
        MessageValidation validation =
                definitions.stream().anyMatch(d -> !d.handlers().isEmpty())
                        ? MessageValidation.create(manager)
                        : MessageValidation.NONE;
        BroadcastTransport transport =
                manager == null ? null : ApplicationBeans.find(manager, BroadcastTransport.class);
        broadcasts.use(transport);
        UnusedSettings.check(transport, UnusedSettings::setting);
        broadcasts.bindToTransactions();
        presenceStores.use(
                manager == null ? null : ApplicationBeans.find(manager, PresenceStore.class),
                departure -> presences.values().stream()
                        .filter(p -> p.channel().equals(departure.channel()))
                        .forEach(p -> p.announceLeave(departure.room(), departure.entry())));
        ChannelRuntime.Shared shared = new ChannelRuntime.Shared(
                json, validation, threads, shutdown, manager == null ? Tracing.NONE : Tracing.find(manager));
        List<ChannelRuntime> built = new ArrayList<>();
        for (ChannelDefinition definition : definitions) {
            ChannelInstances instances = manager == null
                    ? ChannelInstances.handedOver(definition.type())
                    : ChannelInstances.byCdi(manager, definition.type());
            built.add(new ChannelRuntime(
                    definition,
                    registries.get(definition.type()),
                    presences.get(definition.type()),
                    instances,
                    shared));
        }
        built.forEach(ChannelRuntime::start);
        if (manager != null) {
            facilities = MetricsFacilities.bind(
                    manager,
                    built.stream()
                            .map(r -> new MeteredChannel(
                                    r.metrics(),
                                    r.definition().type().getSimpleName(),
                                    r.definition().route().path(),
                                    r::read))
                            .toList());
        }
        gate = new Gate(verifier);
        runtimes = List.copyOf(built);
        beforeUpgrade = beforeUpgrade.started(gate, runtimes);
        registered = Instant.now();
        return gate;
    }

    /**
     * The metrics of every channel, read now; none before the channels are registered. Not for
     * applications: the servers' metrics facilities read them.
     *
     * @return one reading per channel, in the order of their routes
     */
    public List<ChannelReading> readings() {
        List<ChannelRuntime> current = runtimes;
        if (current == null) {
            return List.of();
        }
        return current.stream()
                .map(ChannelRuntime::read)
                .sorted(Comparator.comparing(ChannelReading::route))
                .toList();
    }

    /**
     * The admin view, read now: the JSON document the admin page shows (README.md describes it). Not
     * for applications: the servers serve it only behind a token or a role.
     *
     * @return the document, UTF-8; no channels before they are registered
     */
    public byte[] adminView() {
        List<ChannelRuntime> current = runtimes;
        List<ChannelActivity> activities = current == null
                ? List.of()
                : current.stream()
                        .map(ChannelRuntime::activity)
                        .sorted(Comparator.comparing(a -> a.reading().route()))
                        .toList();
        return AdminView.json(activities, registered, Instant.now());
    }

    /**
     * Whether the channels can take clients now. Not for applications: the standalone server's
     * {@code /health} and MicroProfile Health read it.
     *
     * @return the checks, read now
     */
    public ReadinessReport readiness() {
        String unreachable;
        try {
            unreachable = broadcasts.unavailable();
        } catch (RuntimeException e) {
            unreachable = "The broadcast transport could not say whether it works: " + e;
        }
        return ReadinessReport.of(
                runtimes != null,
                shutdown.reason(),
                definitions.size(),
                openConnections(),
                broadcasts.transportName(),
                unreachable);
    }

    /** What is decided in front of the WebSocket container's upgrade. Not for applications. */
    public BeforeUpgrade beforeUpgrade() {
        return beforeUpgrade;
    }

    /** The runtime's scheduler (the server's managed one where there is one). Not for applications. */
    public ScheduledExecutorService scheduler() {
        return threads.scheduler();
    }

    /**
     * @param channel a deployed channel class
     * @return its registry, as {@code @Inject Registry<C>} gives it
     * @throws IllegalArgumentException if {@code channel} is not deployed, naming those that are
     */
    @SuppressWarnings("unchecked")
    public <C extends Channel> Registry<C> registry(Class<?> channel) {
        return (Registry<C>) deployed(registries, channel);
    }

    /**
     * @param channel a deployed channel class
     * @return its presence, as {@code @Inject Presence<C>} gives it
     * @throws IllegalArgumentException if {@code channel} is not deployed, naming those that are
     */
    @SuppressWarnings("unchecked")
    public <C extends Channel> Presence<C> presence(Class<?> channel) {
        return (Presence<C>) deployed(presences, channel);
    }

    private <T> T deployed(Map<Class<?>, T> byChannel, Class<?> channel) {
        T found = byChannel.get(channel);
        if (found == null) {
            throw new IllegalArgumentException((channel == null ? "null" : channel.getName()) + " is not a deployed"
                    + " channel; the deployed channels are "
                    + byChannel.keySet().stream().map(Class::getName).sorted().toList());
        }
        return found;
    }

    /** @return how many connections are open now */
    public int openConnections() {
        List<ChannelRuntime> all = runtimes;
        return all == null
                ? 0
                : all.stream().mapToInt(r -> r.connections().size()).sum();
    }

    /**
     * {@link #shutdown(String, Duration, Duration)} with the drain window of {@value Shutdown#DRAIN_WINDOW}
     * (10 s unless set).
     *
     * @return the number of connections that were open
     */
    public int shutdown(String reason, Duration grace) {
        return shutdown(reason, Shutdown.configuredDrainWindow(), grace);
    }

    /**
     * Refuses new connections, closes every open one with 1001 (going away) and the given reason,
     * spread over up to {@code window} (at least {@value Shutdown#MIN_CLOSES_PER_SECOND} a second), waits
     * up to {@code grace} more for the close handshakes, then ends the connections still open (their
     * {@code onClose} runs with 1001 and their instances are destroyed). Readiness is down from the
     * first moment.
     *
     * @return the number of connections that were open
     */
    public int shutdown(String reason, Duration window, Duration grace) {
        shutdown.begin(reason);
        List<ChannelRuntime> all = runtimes == null ? List.of() : runtimes;
        all.forEach(ChannelRuntime::stop);
        List<Callbacks> open = new ArrayList<>();
        all.forEach(runtime -> open.addAll(runtime.connections()));
        long interval = Shutdown.closeIntervalNanos(open.size(), window);
        long start = System.nanoTime();
        for (int i = 0; i < open.size(); i++) {
            Shutdown.waitUntil(start + i * interval);
            open.get(i).connection().close(CloseReason.CloseCodes.GOING_AWAY, reason);
        }
        shutdown.await(() -> openConnections() == 0, System.nanoTime() + grace.toNanos());
        CloseReason goingAway = new CloseReason(CloseReason.CloseCodes.GOING_AWAY, reason);
        for (ChannelRuntime runtime : all) {
            for (Callbacks connection : List.copyOf(runtime.connections())) {
                connection.end(goingAway);
            }
        }
        facilities.close();
        presenceStores.store().stop();
        broadcasts.stop();
        threads.stop();
        json.close();
        return open.size();
    }
}
