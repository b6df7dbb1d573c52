package io.wschannels.tyrus;

import io.wschannels.cdi.ChannelDeployment;
import io.wschannels.cdi.runtime.Shutdown;
import io.wschannels.tyrus.netty.NettyChannelContainer;
import io.wschannels.tyrus.ops.Operations;
import jakarta.websocket.DeploymentException;
import java.io.IOException;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.grizzly.http.server.CLStaticHttpHandler;
import org.glassfish.grizzly.http.server.HttpHandlerRegistration;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;
import org.glassfish.grizzly.strategies.WorkerThreadIOStrategy;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * Starts a {@link ChannelServer}: CDI first, then the channels registered with Tyrus, behind the
 * handshake gate, on a Grizzly listener that also serves the browser client and static files.
 * Whatever started is stopped again if a later step fails.
 */
final class Startup {

    /** The system property that turns the admin view on with its token. */
    static final String ADMIN_TOKEN = "channels.admin.token";

    private static final Logger LOG = Logger.getLogger(ChannelServer.class.getName());

    private Startup() {}

    static ChannelServer start(ChannelServer.Builder settings) throws IOException {
        ChannelServer.Container chosen = settings.container != null ? settings.container : configuredContainer();
        if (chosen == ChannelServer.Container.NETTY && !settings.endpoints.isEmpty()) {
            throw new IllegalStateException("The Netty container serves channels only, not the @ServerEndpoint classes "
                    + settings.endpoints.stream().map(Class::getName).toList()
                    + ": serve them with container(Container.TYRUS), or write them as channels");
        }
        drainWindow(settings); // a -Dchannels.drain.window that is not a duration fails here, before CDI starts
        WeldContainer cdi = CdiBoot.start(settings.beanClasses);
        if (chosen == ChannelServer.Container.NETTY) {
            return onNetty(settings, cdi);
        }
        GrizzlyChannelContainer container = null;
        HttpServer http = null;
        try {
            ChannelDeployment deployment = ChannelDeployment.of(cdi.getBeanManager());
            container = new GrizzlyChannelContainer(
                    path -> deployment.beforeUpgrade().maxMessageBytes(path),
                    deployment.beforeUpgrade().largestMaxMessageBytes(),
                    deployment::scheduler);
            deployment.registerWith(container, cdi.getBeanManager());
            for (Class<?> endpoint : settings.endpoints) {
                container.addEndpoint(endpoint);
            }
            http = new HttpServer();
            NetworkListener listener = listener(settings, deployment, container);
            http.addListener(listener);
            OperationsHandler.addTo(http.getServerConfiguration(), operations(settings, deployment));
            // The browser client, at the path application servers serve it from the library's jar.
            http.getServerConfiguration()
                    .addHttpHandler(
                            new CLStaticHttpHandler(
                                    ChannelDeployment.class.getClassLoader(), "/META-INF/resources/wschannels/"),
                            HttpHandlerRegistration.builder()
                                    .contextPath("/wschannels")
                                    .urlPattern("/*")
                                    .build());
            if (settings.staticFiles != null) {
                http.getServerConfiguration()
                        .addHttpHandler(
                                new CLStaticHttpHandler(
                                        Thread.currentThread().getContextClassLoader(),
                                        "/" + settings.staticFiles + "/"),
                                "/");
            }
            http.start();
            int port = listener.getPort();
            container.start("/", port);
            GrizzlyChannelContainer tyrus = container;
            HttpServer grizzly = http;
            ChannelServer server = new ChannelServer(
                    cdi,
                    deployment,
                    () -> {
                        tyrus.stop();
                        grizzly.shutdownNow();
                    },
                    settings.host,
                    port,
                    settings.tls != null,
                    settings.shutdownGrace,
                    drainWindow(settings));
            LOG.info(() -> "Channel server listening on " + server.uri() + " with channels " + deployment.routes());
            return server;
        } catch (IOException | RuntimeException | DeploymentException e) {
            if (http != null) {
                http.shutdownNow();
            }
            if (container != null) {
                container.stop();
            }
            throw failed(settings, cdi, e);
        }
    }

    private static ChannelServer onNetty(ChannelServer.Builder settings, WeldContainer cdi) throws IOException {
        try {
            ChannelDeployment deployment = ChannelDeployment.of(cdi.getBeanManager());
            NettyChannelContainer netty = NettyChannelContainer.start(
                    settings.host,
                    settings.port,
                    settings.tls,
                    deployment.endpointConfigs(cdi.getBeanManager()),
                    ChannelDeployment.class.getClassLoader(),
                    settings.staticFiles,
                    operations(settings, deployment));
            ChannelServer server = new ChannelServer(
                    cdi,
                    deployment,
                    netty::close,
                    settings.host,
                    netty.port(),
                    settings.tls != null,
                    settings.shutdownGrace,
                    drainWindow(settings));
            LOG.info(() ->
                    "Channel server (Netty) listening on " + server.uri() + " with channels " + deployment.routes());
            return server;
        } catch (IOException | RuntimeException e) {
            throw failed(settings, cdi, e);
        }
    }

    /**
     * After a failed start, once the container is stopped: stops CDI and says what failed, an
     * {@code IOException} naming the address for a port that could not be bound.
     */
    private static IOException failed(ChannelServer.Builder settings, WeldContainer cdi, Exception e) {
        try {
            cdi.shutdown();
        } catch (RuntimeException suppressed) {
            e.addSuppressed(suppressed);
        }
        if (e instanceof IOException io) {
            return new IOException(
                    "Could not start the channel server on " + settings.host + ":" + settings.port + ": "
                            + io.getMessage(),
                    io);
        }
        if (e instanceof DeploymentException refused) {
            throw new IllegalStateException("Tyrus refused the channels: " + refused.getMessage(), refused);
        }
        LOG.log(Level.FINE, "Start failed", e);
        throw (RuntimeException) e;
    }

    private static NetworkListener listener(
            ChannelServer.Builder settings, ChannelDeployment deployment, GrizzlyChannelContainer container) {
        NetworkListener listener = new NetworkListener("channels", settings.host, settings.port);
        listener.getTransport().setIOStrategy(WorkerThreadIOStrategy.getInstance());
        listener.getKeepAlive().setIdleTimeoutInSeconds(-1);
        if (settings.tls != null) {
            listener.setSecure(true);
            listener.setSSLEngineConfig(new SSLEngineConfigurator(settings.tls, false, false, false));
        }
        // The gate first: Tyrus' add-on then inserts its upgrade filter between it and HTTP.
        listener.registerAddOn(HandshakeGate.addOn(deployment));
        listener.registerAddOn(container.webSocketAddOn());
        return listener;
    }

    private static Operations operations(ChannelServer.Builder settings, ChannelDeployment deployment) {
        boolean metrics = settings.metrics != null ? settings.metrics : Boolean.getBoolean("channels.metrics");
        boolean health = settings.health != null ? settings.health : Boolean.getBoolean("channels.health");
        String adminToken = settings.adminToken;
        if (adminToken == null) {
            adminToken = System.getProperty(ADMIN_TOKEN);
            if (adminToken != null) {
                Operations.checkedToken(adminToken, "The system property " + ADMIN_TOKEN);
            }
        }
        return new Operations(deployment, metrics, health, adminToken);
    }

    /** The container named by the system property {@code channels.container}, else Tyrus. */
    private static ChannelServer.Container configuredContainer() {
        String named = System.getProperty("channels.container", "tyrus").trim();
        for (ChannelServer.Container container : ChannelServer.Container.values()) {
            if (container.name().equalsIgnoreCase(named)) {
                return container;
            }
        }
        throw new IllegalArgumentException("channels.container=" + named + " names no container: use tyrus or netty");
    }

    private static Duration drainWindow(ChannelServer.Builder settings) {
        return settings.drainWindow != null ? settings.drainWindow : Shutdown.configuredDrainWindow();
    }
}
