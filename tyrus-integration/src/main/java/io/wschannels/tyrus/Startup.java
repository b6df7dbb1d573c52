package io.wschannels.tyrus;

import io.wschannels.cdi.ChannelDeployment;
import jakarta.websocket.DeploymentException;
import java.io.IOException;
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

    private static final Logger LOG = Logger.getLogger(ChannelServer.class.getName());

    private Startup() {}

    static ChannelServer start(ChannelServer.Builder settings) throws IOException {
        WeldContainer cdi = CdiBoot.start(settings.beanClasses);
        GrizzlyChannelContainer container = null;
        HttpServer http = null;
        try {
            ChannelDeployment deployment = ChannelDeployment.of(cdi.getBeanManager());
            container = new GrizzlyChannelContainer();
            deployment.registerWith(container, cdi.getBeanManager());
            for (Class<?> endpoint : settings.endpoints) {
                container.addEndpoint(endpoint);
            }
            http = new HttpServer();
            NetworkListener listener = listener(settings, deployment, container);
            http.addListener(listener);
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
            ChannelServer server = new ChannelServer(
                    cdi,
                    deployment,
                    container,
                    http,
                    settings.host,
                    port,
                    settings.tls != null,
                    settings.shutdownGrace);
            LOG.info(() -> "Channel server listening on " + server.uri() + " with channels " + deployment.routes());
            return server;
        } catch (IOException | RuntimeException | DeploymentException e) {
            if (http != null) {
                http.shutdownNow();
            }
            if (container != null) {
                container.stop();
            }
            try {
                cdi.shutdown();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof IOException io) {
                throw new IOException(
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
}
