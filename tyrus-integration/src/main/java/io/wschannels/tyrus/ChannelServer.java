package io.wschannels.tyrus;

import io.wschannels.Channel;
import io.wschannels.Registry;
import io.wschannels.cdi.ChannelDeployment;
import io.wschannels.cdi.ChannelExtension;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.grizzly.http.server.CLStaticHttpHandler;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.strategies.WorkerThreadIOStrategy;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * Runs channels without an application server: starts CDI (Weld SE), discovers the channels,
 * and serves them with Tyrus on a Grizzly HTTP server, together with static files on the same port.
 *
 * <pre>{@code
 * try (ChannelServer server = ChannelServer.builder().port(8080).staticFiles("web").start()) {
 *     System.out.println("Serving " + server.uri());
 *     server.awaitShutdown();
 * }
 * }</pre>
 *
 * <p>Channels and the beans they inject are discovered in every classpath entry with a
 * {@code META-INF/beans.xml} ({@code bean-discovery-mode="annotated"} is enough), or listed with
 * {@link Builder#beanClasses(Class[])}. A channel problem makes {@link Builder#start()} fail with
 * every problem listed. {@link #close()} closes every connection with 1001 (going away) first.
 */
public final class ChannelServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ChannelServer.class.getName());
    private static final AtomicInteger CONTAINERS = new AtomicInteger();


    private final WeldContainer weld;
    private final ChannelDeployment deployment;
    private final GrizzlyChannelContainer container;
    private final HttpServer http;
    private final String host;
    private final int port;
    private final boolean secure;
    private final Duration shutdownGrace;
    private final Object stopped = new Object();
    private boolean closed;

    private ChannelServer(WeldContainer weld, ChannelDeployment deployment, GrizzlyChannelContainer container,
            HttpServer http, String host, int port, boolean secure, Duration shutdownGrace) {
        this.weld = weld;
        this.secure = secure;
        this.deployment = deployment;
        this.container = container;
        this.http = http;
        this.host = host;
        this.port = port;
        this.shutdownGrace = shutdownGrace;
    }

    /** @return a builder with defaults: host {@code localhost}, port 8080, no static files */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the port the server listens on (the chosen one when started with port 0) */
    public int port() {
        return port;
    }

    /**
     * @return the HTTP address of the server's root, for example {@code http://localhost:8080/}
     *         ({@code https} with TLS)
     */
    public URI uri() {
        return URI.create((secure ? "https://" : "http://") + hostForUri() + ":" + port + "/");
    }

    /**
     * The WebSocket address of a path on this server.
     *
     * @param path an absolute path, optionally with a query, for example {@code /chat/lobby?name=ann}
     * @return for example {@code ws://localhost:8080/chat/lobby?name=ann} ({@code wss} with TLS)
     */
    public URI webSocketUri(String path) {
        return URI.create((secure ? "wss://" : "ws://") + hostForUri() + ":" + port
                + (path.startsWith("/") ? path : "/" + path));
    }

    /** @return the routes of the channels this server serves, sorted */
    public List<String> routes() {
        return deployment.routes();
    }

    /**
     * The registry of one of this server's channels, for code that runs beside the server (a
     * scheduler, a command line, a test); inside beans, inject {@code Registry<C>} instead.
     *
     * @param channel a deployed channel class
     * @return its registry
     * @throws IllegalArgumentException if the channel is not deployed here
     */
    public <C extends Channel> Registry<C> registry(Class<C> channel) {
        return deployment.registryOf(channel);
    }

    /**
     * A bean of the application, for code that runs beside the server.
     *
     * @param type the bean type
     * @return the contextual instance (a client proxy for normal-scoped beans)
     */
    public <T> T bean(Class<T> type) {
        return weld.select(type).get();
    }

    /** @return the number of open channel connections */
    public int openConnections() {
        return deployment.openConnections();
    }

    /** Blocks until {@link #close()} has finished (from another thread or a shutdown hook). */
    public void awaitShutdown() throws InterruptedException {
        synchronized (stopped) {
            while (!closed) {
                stopped.wait();
            }
        }
    }

    /**
     * Stops the server: closes every connection with 1001 (going away) and waits up to the
     * shutdown grace for the clients to answer, ends the rest (their {@code onClose} runs), stops
     * HTTP and CDI. Calling it again does nothing.
     */
    @Override
    public void close() {
        synchronized (stopped) {
            if (closed) {
                return;
            }
        }
        try {
            int open = deployment.shutdown("Server shutting down", shutdownGrace);
            LOG.fine(() -> "Closed " + open + " connection(s)");
            container.stop();
            http.shutdownNow();
            weld.shutdown();
        } finally {
            synchronized (stopped) {
                closed = true;
                stopped.notifyAll();
            }
        }
    }

    private String hostForUri() {
        return host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host.contains(":") ? "[" + host + "]" : host;
    }

    /**
     * Weld wraps deployment problems in a list with stack traces; when the channel extension's
     * report is among them, that report alone is the useful message.
     */
    private static RuntimeException withoutWeldWrapping(RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        int start = message.indexOf("Channel deployment failed with");
        if (start < 0) {
            return e;
        }
        StringBuilder report = new StringBuilder();
        for (String line : message.substring(start).split("\n")) {
            if (report.length() > 0 && !line.matches("  \\d+\\. .*")) {
                break;
            }
            report.append(report.length() > 0 ? "\n" : "").append(line);
        }
        return new jakarta.enterprise.inject.spi.DeploymentException(report.toString(), e);
    }

    /** Settings for a {@link ChannelServer}; {@link #start()} starts one. */
    public static final class Builder {
        private String host = "localhost";
        private int port = 8080;
        private String staticFiles;
        private final List<Class<?>> beanClasses = new ArrayList<>();
        private final List<Class<?>> endpoints = new ArrayList<>();
        private Duration shutdownGrace = Duration.ofSeconds(5);
        private javax.net.ssl.SSLContext tls;

        private Builder() {
        }

        /**
         * Serves HTTPS and {@code wss://} only, with the certificate and private key of a key store
         * (PKCS #12 or JKS, as {@code keytool} writes them).
         *
         * @param keyStore the key store file
         * @param password its password, also the key's
         * @return this builder
         * @throws IllegalArgumentException if the file cannot be read as a key store with a key
         */
        public Builder tls(java.nio.file.Path keyStore, char[] password) {
            Objects.requireNonNull(keyStore, "keyStore");
            Objects.requireNonNull(password, "password");
            try (java.io.InputStream in = java.nio.file.Files.newInputStream(keyStore)) {
                java.security.KeyStore store = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
                store.load(in, password);
                return tls(store, password);
            } catch (IOException | java.security.GeneralSecurityException e) {
                throw new IllegalArgumentException("Cannot read the key store " + keyStore.toAbsolutePath() + ": " + e
                        + ". Is the password right? Make one with: keytool -genkeypair -keyalg RSA -keysize 2048"
                        + " -storetype PKCS12 -keystore server.p12 -alias server -dname CN=localhost", e);
            }
        }

        /**
         * Serves HTTPS and {@code wss://} only, with a key store already loaded.
         *
         * @param keyStore holds the server's private key and certificate chain
         * @param keyPassword the key's password
         * @return this builder
         */
        public Builder tls(java.security.KeyStore keyStore, char[] keyPassword) {
            try {
                boolean hasKey = false;
                for (String alias : java.util.Collections.list(keyStore.aliases())) {
                    hasKey |= keyStore.isKeyEntry(alias);
                }
                if (!hasKey) {
                    throw new IllegalArgumentException("The key store holds no private key, only certificates: the"
                            + " server needs its own key and certificate");
                }
                javax.net.ssl.KeyManagerFactory keys = javax.net.ssl.KeyManagerFactory.getInstance(
                        javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
                keys.init(keyStore, keyPassword);
                javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
                context.init(keys.getKeyManagers(), null, null);
                this.tls = context;
                return this;
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalArgumentException("Cannot use the key store for TLS: " + e, e);
            }
        }

        /**
         * @param host the address to bind, {@code localhost} by default; {@code 0.0.0.0} for all
         * @return this builder
         */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /**
         * @param port the TCP port, 8080 by default; 0 picks a free one (see {@link ChannelServer#port()})
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is out of range: use 0 (any free port) to 65535");
            }
            this.port = port;
            return this;
        }

        /**
         * Serves the files of a classpath folder at the root of the server; {@code index.html}
         * answers for {@code /}.
         *
         * @param classpathFolder for example {@code "web"} for the files under {@code src/main/resources/web}
         * @return this builder
         */
        public Builder staticFiles(String classpathFolder) {
            this.staticFiles = Objects.requireNonNull(classpathFolder, "classpathFolder").replaceAll("^/+|/+$", "");
            return this;
        }

        /**
         * Deploys exactly these classes (channels and the beans they use) instead of discovering
         * bean archives on the classpath; portable extensions other than the channel extension are
         * not loaded then. Handy in tests.
         *
         * @param classes the bean classes
         * @return this builder
         */
        public Builder beanClasses(Class<?>... classes) {
            this.beanClasses.addAll(List.of(classes));
            return this;
        }

        /**
         * Also serves plain Jakarta WebSocket endpoints, as application servers serve them beside
         * channels. They are created by Tyrus, not by CDI.
         *
         * @param annotatedEndpoints classes annotated with {@code @ServerEndpoint}
         * @return this builder
         */
        public Builder endpoints(Class<?>... annotatedEndpoints) {
            for (Class<?> endpoint : annotatedEndpoints) {
                if (!endpoint.isAnnotationPresent(jakarta.websocket.server.ServerEndpoint.class)) {
                    throw new IllegalArgumentException(endpoint.getName() + " is not annotated with @ServerEndpoint;"
                            + " channels are discovered by themselves and need no registration");
                }
                endpoints.add(endpoint);
            }
            return this;
        }

        /**
         * @param grace how long {@link ChannelServer#close()} waits for clients to answer the close, 5 s by default
         * @return this builder
         */
        public Builder shutdownGrace(Duration grace) {
            this.shutdownGrace = Objects.requireNonNull(grace, "grace");
            return this;
        }

        /**
         * Starts CDI, then the server.
         *
         * @return the running server
         * @throws jakarta.enterprise.inject.spi.DefinitionException (or another CDI deployment
         *         exception) if a channel or bean is invalid; the message lists every problem
         * @throws IOException if the port cannot be bound
         */
        public ChannelServer start() throws IOException {
            Weld weld = new Weld("channels-" + CONTAINERS.incrementAndGet())
                    // close() shuts CDI down after the connections; Weld's own hook would do it first.
                    .skipShutdownHook();
            if (!beanClasses.isEmpty()) {
                // Without discovery Weld SE loads no extension from META-INF/services either.
                weld.disableDiscovery().addBeanClasses(beanClasses.toArray(Class<?>[]::new))
                        .addExtension(new ChannelExtension());
            }
            WeldContainer cdi;
            try {
                cdi = weld.initialize();
            } catch (jakarta.enterprise.inject.spi.DeploymentException | jakarta.enterprise.inject.spi.DefinitionException e) {
                throw withoutWeldWrapping(e);
            }
            GrizzlyChannelContainer container = null;
            HttpServer http = null;
            try {
                ChannelDeployment deployment = ChannelDeployment.of(cdi.getBeanManager());
                container = new GrizzlyChannelContainer();
                deployment.registerWith(container, cdi.getBeanManager());
                for (Class<?> endpoint : endpoints) {
                    container.addEndpoint(endpoint);
                }
                http = new HttpServer();
                NetworkListener listener = new NetworkListener("channels", host, port);
                listener.getTransport().setIOStrategy(WorkerThreadIOStrategy.getInstance());
                listener.getKeepAlive().setIdleTimeoutInSeconds(-1);
                if (tls != null) {
                    listener.setSecure(true);
                    listener.setSSLEngineConfig(new org.glassfish.grizzly.ssl.SSLEngineConfigurator(tls, false, false,
                            false));
                }
                // The gate first: Tyrus' add-on then inserts its upgrade filter between it and HTTP.
                listener.registerAddOn(HandshakeGate.addOn(deployment));
                listener.registerAddOn(container.webSocketAddOn());
                http.addListener(listener);
                // The browser client, at the path application servers serve it from the library's jar.
                http.getServerConfiguration().addHttpHandler(new CLStaticHttpHandler(
                        ChannelDeployment.class.getClassLoader(), "/META-INF/resources/wschannels/"),
                        org.glassfish.grizzly.http.server.HttpHandlerRegistration.builder()
                                .contextPath("/wschannels").urlPattern("/*").build());
                if (staticFiles != null) {
                    http.getServerConfiguration().addHttpHandler(
                            new CLStaticHttpHandler(Thread.currentThread().getContextClassLoader(), "/" + staticFiles + "/"),
                            "/");
                }
                http.start();
                int actualPort = listener.getPort();
                container.start("/", actualPort);
                ChannelServer server = new ChannelServer(cdi, deployment, container, http, host, actualPort, tls != null,
                        shutdownGrace);
                LOG.info(() -> "Channel server listening on " + server.uri() + " with channels " + deployment.routes());
                return server;
            } catch (IOException | RuntimeException | jakarta.websocket.DeploymentException e) {
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
                    throw new IOException("Could not start the channel server on " + host + ":" + port + ": "
                            + io.getMessage(), io);
                }
                if (e instanceof jakarta.websocket.DeploymentException de) {
                    throw new IllegalStateException("Tyrus refused the channels: " + de.getMessage(), de);
                }
                LOG.log(Level.FINE, "Start failed", e);
                throw (RuntimeException) e;
            }
        }
    }
}
