package io.wschannels.tyrus;

import io.wschannels.Channel;
import io.wschannels.Presence;
import io.wschannels.Registry;
import io.wschannels.cdi.ChannelDeployment;
import io.wschannels.tyrus.ops.Operations;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * Runs channels without an application server: starts CDI (Weld SE), discovers the channels,
 * and serves them with Tyrus on a Grizzly HTTP server, or on Netty (see {@link Container}),
 * together with static files on the same port.
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

    private final WeldContainer weld;
    private final ChannelDeployment deployment;
    /** Stops whichever container serves: the listener and what is left of its connections. */
    private final Runnable stopServing;

    private final String host;
    private final int port;
    private final boolean secure;
    private final Duration shutdownGrace;
    private final Duration drainWindow;
    private final Object stopped = new Object();
    private boolean closed;

    ChannelServer(
            WeldContainer weld,
            ChannelDeployment deployment,
            Runnable stopServing,
            String host,
            int port,
            boolean secure,
            Duration shutdownGrace,
            Duration drainWindow) {
        this.weld = weld;
        this.secure = secure;
        this.deployment = deployment;
        this.stopServing = stopServing;
        this.host = host;
        this.port = port;
        this.shutdownGrace = shutdownGrace;
        this.drainWindow = drainWindow;
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
        return URI.create(
                (secure ? "wss://" : "ws://") + hostForUri() + ":" + port + (path.startsWith("/") ? path : "/" + path));
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
        return deployment.registry(channel);
    }

    /**
     * The presence of one of this server's channels, for code that runs beside the server; inside
     * beans, inject {@code Presence<C>} instead.
     *
     * @param channel a deployed channel class
     * @return its presence
     * @throws IllegalArgumentException if the channel is not deployed here
     */
    public <C extends Channel> Presence<C> presence(Class<C> channel) {
        return deployment.presence(channel);
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
     * Stops the server: from the first moment refuses new clients and answers {@code /health} with
     * 503; closes every connection with 1001 (going away), spread over up to the drain window; waits
     * up to the shutdown grace for the clients to answer, ends the rest (their {@code onClose}
     * runs), stops HTTP and CDI. Calling it again does nothing.
     */
    @Override
    public void close() {
        synchronized (stopped) {
            if (closed) {
                return;
            }
        }
        try {
            int open = deployment.shutdown("Server shutting down", drainWindow, shutdownGrace);
            LOG.fine(() -> "Closed " + open + " connection(s)");
            stopServing.run();
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
     * The WebSocket container that serves the channels. Both run the same channels with the same
     * limits, security and behaviour; they differ in cost and in what else they serve.
     */
    public enum Container {
        /**
         * Tyrus on Grizzly, the Jakarta WebSocket implementation of GlassFish and Payara: channels
         * and plain {@code @ServerEndpoint} classes; callbacks run on a pool of worker threads, so
         * a callback may block (a database call) without holding up other connections.
         */
        TYRUS,
        /**
         * Netty's HTTP and WebSocket codecs, for many connections on few cores: a sixth of Tyrus'
         * memory per connection and no thread hand-off per message. Channels only; callbacks run
         * on the connection's I/O thread (one per core), so a callback that blocks holds up every
         * connection of that thread: do slow work elsewhere (an executor, a
         * {@code CompletionStage} returned from {@code @Handle}).
         */
        NETTY
    }

    /** Settings for a {@link ChannelServer}; {@link #start()} starts one. */
    public static final class Builder {
        Container container;
        String host = "localhost";
        int port = 8080;
        String staticFiles;
        final List<Class<?>> beanClasses = new ArrayList<>();
        final List<Class<?>> endpoints = new ArrayList<>();
        Duration shutdownGrace = Duration.ofSeconds(5);
        Duration drainWindow;
        SSLContext tls;
        Boolean metrics;
        Boolean health;
        String adminToken;

        private Builder() {}

        /**
         * Serves HTTPS and {@code wss://} only, with the certificate and private key of a key store
         * (PKCS #12 or JKS, as {@code keytool} writes them).
         *
         * @param keyStore the key store file
         * @param password its password, also the key's
         * @return this builder
         * @throws IllegalArgumentException if the file cannot be read as a key store with a key
         */
        public Builder tls(Path keyStore, char[] password) {
            this.tls = Tls.context(keyStore, password);
            return this;
        }

        /**
         * Serves HTTPS and {@code wss://} only, with a key store already loaded.
         *
         * @param keyStore holds the server's private key and certificate chain
         * @param keyPassword the key's password
         * @return this builder
         * @throws IllegalArgumentException if the key store holds no key, or it cannot be used
         */
        public Builder tls(KeyStore keyStore, char[] keyPassword) {
            this.tls = Tls.context(keyStore, keyPassword);
            return this;
        }

        /**
         * Chooses the container; without this, the system property {@code channels.container}
         * ({@code tyrus} or {@code netty}) decides, and without that, {@link Container#TYRUS}.
         *
         * @param container the container
         * @return this builder
         */
        public Builder container(Container container) {
            this.container = Objects.requireNonNull(container, "container");
            return this;
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
            this.staticFiles =
                    Objects.requireNonNull(classpathFolder, "classpathFolder").replaceAll("^/+|/+$", "");
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
         * channels. They are created by Tyrus, not by CDI; the Netty container does not serve them
         * ({@link #start()} says so).
         *
         * @param annotatedEndpoints classes annotated with {@code @ServerEndpoint}
         * @return this builder
         */
        public Builder endpoints(Class<?>... annotatedEndpoints) {
            for (Class<?> endpoint : annotatedEndpoints) {
                if (!endpoint.isAnnotationPresent(ServerEndpoint.class)) {
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
         * How long {@link ChannelServer#close()} takes to ask the clients to leave: their closes are
         * spread over up to this window, at least 100 a second, so that a few clients go at once and
         * 10,000 clients do not all reconnect to the other servers in the same second. 10 s by default,
         * or {@code -Dchannels.drain.window=<seconds>}. The shutdown grace starts after it.
         *
         * @param window the drain window; {@link Duration#ZERO} closes every connection at once
         * @return this builder
         */
        public Builder drainWindow(Duration window) {
            Objects.requireNonNull(window, "window");
            if (window.isNegative()) {
                throw new IllegalArgumentException("The drain window cannot be negative: " + window);
            }
            this.drainWindow = window;
            return this;
        }

        /**
         * Serves the channels' metrics at {@code /metrics} in Prometheus' text format, on the same
         * port: per channel, connections open, opened, refused by reason and closed by code,
         * messages and bytes each way, broadcasts and their recipients, outbound queue bytes, slow
         * consumers, rate-limit refusals, heartbeat timeouts, callback errors, and histograms of
         * callback and broadcast delivery durations. Off by default; without this, the system
         * property {@code channels.metrics=true} turns it on. Anyone who can reach the port can read
         * them, so keep the port inside the network Prometheus scrapes from.
         *
         * @param enabled whether to serve them
         * @return this builder
         */
        public Builder metrics(boolean enabled) {
            this.metrics = enabled;
            return this;
        }

        /**
         * Serves the server's readiness at {@code /health}, on the same port, for a load balancer's
         * or Kubernetes' readiness probe: 200 while it takes clients, 503 while it does not: before
         * the channels are registered, while it drains for shutdown, and while a configured Redis
         * (not {@code channels.redis.optional}) is lost. The body is MicroProfile Health's JSON,
         * with the reason of each failing check. Off by default; without this, the system property
         * {@code channels.health=true} turns it on.
         *
         * @param enabled whether to serve it
         * @return this builder
         */
        public Builder health(boolean enabled) {
            this.health = enabled;
            return this;
        }

        /**
         * Serves the admin view to whoever presents {@code token}: the page
         * {@code /wschannels/admin.html} (channels with their connections, rooms with their
         * members, message rates, the slowest consumers by queued bytes, the last refusals with
         * their reasons), and the JSON it reads, {@code /wschannels/admin.json}, answered only to
         * requests with {@code Authorization: Bearer <token>} (401 without, 403 with another). Off
         * by default; without this, the system property {@code channels.admin.token} turns it on.
         * Serve it over TLS, or keep the port inside your network: the token travels with each
         * request.
         *
         * @param token at least 16 characters, without white space
         * @return this builder
         * @throws IllegalArgumentException if the token is shorter or holds white space
         */
        public Builder admin(String token) {
            Operations.checkedToken(token, "The admin token");
            this.adminToken = token;
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
            return Startup.start(this);
        }
    }
}
