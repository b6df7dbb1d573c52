package io.wschannels.testkit;

import io.wschannels.Channel;
import io.wschannels.Presence;
import io.wschannels.Registry;
import io.wschannels.cdi.ChannelDeployment;
import io.wschannels.cdi.ChannelEndpoint;
import io.wschannels.cdi.ChannelExtension;
import io.wschannels.cdi.container.EndpointRoutes;
import io.wschannels.cdi.container.UpgradeRequest;
import io.wschannels.cdi.handshake.Handshake;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * Runs channels in a unit test, without a server or a network: the channel runtime is the real
 * one, and this class plays the WebSocket container, so the channel behaves as it does on a
 * server. Two ways to make channels:
 *
 * <pre>{@code
 * // With CDI (Weld, in this JVM): list the channel and the beans it uses.
 * try (ChannelTester tester = ChannelTester.of(ChatChannel.class)) {
 *     TestConnection ann = tester.connect("/chat/lobby?name=ann");
 *     ann.assertSentJson("{\"type\":\"system\",\"message\":\"Welcome to room lobby\"}");
 * }
 *
 * // Without CDI: make each connection's channel with new and hand it over.
 * try (ChannelTester tester = ChannelTester.withoutCdi(EchoChannel.class)) {
 *     TestConnection client = tester.connect(new EchoChannel(), "/echo/ann");
 * }
 * }</pre>
 *
 * Connections of one tester share the channels' registries: a broadcast to a room reaches every
 * test connection in it. {@link #close()} ends the connections still open (1001) and stops CDI.
 */
public final class ChannelTester implements AutoCloseable {

    private static final AtomicInteger CONTAINERS = new AtomicInteger();

    private final WeldContainer weld;
    private final ChannelDeployment deployment;
    private final EndpointRoutes routes;
    private final AtomicInteger ids = new AtomicInteger();

    private ChannelTester(WeldContainer weld, ChannelDeployment deployment, List<ServerEndpointConfig> routes) {
        this.weld = weld;
        this.deployment = deployment;
        this.routes = new EndpointRoutes(routes);
    }

    /**
     * Channels made by CDI: starts Weld in this JVM with exactly these classes (the channels and the
     * beans they inject) and the channel extension.
     *
     * @throws jakarta.enterprise.inject.spi.DeploymentException if a channel or bean is invalid,
     *         with every problem listed, as on a server
     */
    public static ChannelTester of(Class<?>... beanClasses) {
        WeldContainer weld = new Weld("channels-test-" + CONTAINERS.incrementAndGet())
                .disableDiscovery()
                .skipShutdownHook()
                .addBeanClasses(beanClasses)
                .addExtension(new ChannelExtension())
                .initialize();
        try {
            ChannelDeployment deployment = ChannelDeployment.of(weld.getBeanManager());
            return new ChannelTester(weld, deployment, deployment.endpointConfigs(weld.getBeanManager()));
        } catch (RuntimeException e) {
            weld.shutdown();
            throw e;
        }
    }

    /**
     * Channels made with {@code new} by the test, one per {@link #connect(Channel, String)}; their
     * {@code @Inject} fields are the test's to fill (for example with {@link #registry}).
     *
     * @throws jakarta.enterprise.inject.spi.DefinitionException if a channel is invalid
     */
    @SafeVarargs
    public static ChannelTester withoutCdi(Class<? extends Channel>... channels) {
        ChannelDeployment deployment = ChannelDeployment.withoutCdi(List.of(channels));
        return new ChannelTester(null, deployment, deployment.endpointConfigs(null));
    }

    /** Connects a client to a CDI-made channel, for example {@code "/chat/lobby?name=ann"}. */
    public TestConnection connect(String pathAndQuery) {
        return connect(null, pathAndQuery, Map.of(), null);
    }

    /** Connects with handshake headers (for example {@code Authorization} or {@code Origin}). */
    public TestConnection connect(String pathAndQuery, Map<String, String> headers) {
        return connect(null, pathAndQuery, headers, null);
    }

    /** Connects as a user the server authenticated (as Jakarta Security would). */
    public TestConnection connect(String pathAndQuery, Map<String, String> headers, Principal user) {
        return connect(null, pathAndQuery, headers, user);
    }

    /** Connects a client to a channel the test made with {@code new}. */
    public TestConnection connect(Channel channel, String pathAndQuery) {
        return connect(channel, pathAndQuery, Map.of(), null);
    }

    /** Connects a client to a channel the test made with {@code new}, with handshake headers. */
    public TestConnection connect(Channel channel, String pathAndQuery, Map<String, String> headers) {
        return connect(channel, pathAndQuery, headers, null);
    }

    private TestConnection connect(Channel instance, String pathAndQuery, Map<String, String> headers, Principal user) {
        if ((instance == null) != (weld != null)) {
            throw new IllegalStateException(
                    weld != null
                            ? "This tester makes channels with CDI: connect(path) without an instance"
                            : "This tester is withoutCdi: hand each connection its channel, connect(new YourChannel(),"
                                    + " path)");
        }
        URI uri = URI.create("ws://localhost" + (pathAndQuery.startsWith("/") ? "" : "/") + pathAndQuery);
        EndpointRoutes.Match match = routes.find(uri.getRawPath());
        if (match == null) {
            throw new IllegalArgumentException("No channel listens on " + uri.getRawPath() + "; the routes are "
                    + routes.routes().stream()
                            .map(ServerEndpointConfig::getPath)
                            .toList());
        }
        ServerEndpointConfig route = match.config();
        Map<String, String> pathParameters = match.pathParameters();
        String path = uri.getRawPath();
        if (instance != null
                && !route.getUserProperties()
                        .get(ChannelDeployment.CHANNEL_CLASS)
                        .equals(instance.getClass().getName())) {
            throw new IllegalArgumentException(
                    path + " is the route of " + route.getUserProperties().get(ChannelDeployment.CHANNEL_CLASS)
                            + ", not of " + instance.getClass().getName());
        }
        // As a container does: a per-connection copy of the configuration for the handshake.
        ServerEndpointConfig perConnection = ServerEndpointConfig.Builder.create(ChannelEndpoint.class, route.getPath())
                .configurator(route.getConfigurator())
                .subprotocols(route.getSubprotocols())
                .build();
        perConnection.getUserProperties().putAll(route.getUserProperties());
        Map<String, List<String>> requestHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        requestHeaders.put("Host", List.of("localhost"));
        headers.forEach((name, value) -> requestHeaders.put(name, List.of(value)));
        Map<String, List<String>> parameters = new LinkedHashMap<>(Handshake.parseQuery(uri.getRawQuery()));
        pathParameters.forEach((name, value) -> parameters.put(name, List.of(value)));
        route.getConfigurator()
                .modifyHandshake(
                        perConnection,
                        new UpgradeRequest(uri, requestHeaders, parameters, user),
                        new HandshakeResponse() {
                            private final Map<String, List<String>> answer = new HashMap<>();

                            @Override
                            public Map<String, List<String>> getHeaders() {
                                return answer;
                            }
                        });
        if (instance != null) {
            perConnection.getUserProperties().put(ChannelDeployment.INSTANCE, instance);
        }
        ChannelEndpoint endpoint;
        try {
            endpoint = route.getConfigurator().getEndpointInstance(ChannelEndpoint.class);
        } catch (InstantiationException e) {
            throw new IllegalStateException(e);
        }
        TestConnection connection = new TestConnection(pathAndQuery);
        KitSession session = new KitSession(
                "test-" + ids.incrementAndGet(),
                uri,
                pathParameters,
                perConnection.getUserProperties(),
                user,
                connection);
        session.attach(endpoint);
        connection.attach(session);
        endpoint.onOpen(session, perConnection);
        return connection;
    }

    /**
     * The registry of a channel, as {@code @Inject Registry<C>} gives it: to hand to channels made
     * with {@code new}, or to broadcast from the test.
     */
    public <C extends Channel> Registry<C> registry(Class<C> channel) {
        return deployment.registry(channel);
    }

    /**
     * The presence of a channel, as {@code @Inject Presence<C>} gives it: to hand to channels made
     * with {@code new}, or to read from the test.
     */
    public <C extends Channel> Presence<C> presence(Class<C> channel) {
        return deployment.presence(channel);
    }

    /** A bean of the application (CDI testers only). */
    public <T> T bean(Class<T> type) {
        if (weld == null) {
            throw new IllegalStateException("This tester is withoutCdi: it has no beans");
        }
        return weld.select(type).get();
    }

    /** How many test connections are open. */
    public int openConnections() {
        return deployment.openConnections();
    }

    /** Ends every open connection with 1001 (their {@code onClose} runs) and stops CDI. */
    @Override
    public void close() {
        deployment.shutdown("Test finished", Duration.ZERO);
        if (weld != null) {
            weld.shutdown();
        }
    }
}
