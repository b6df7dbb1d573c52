package io.wschannels.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.wschannels.spi.Broadcast;
import io.wschannels.spi.BroadcastTransport;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Carries every broadcast to every server of a cluster over Redis pub/sub. Add
 * {@code channels-redis} to the application and give each server the Redis URL:
 * {@code -Dchannels.redis.url=redis://redis.internal:6379} or {@code CHANNELS_REDIS_URL}. Without
 * a URL broadcasts stay on the server, as without this module.
 *
 * <h2>What happens when</h2>
 * <ul>
 *   <li>Each broadcast is serialized once and published once; every server, the publishing one
 *       included, receives it once from Redis and delivers it to its own connections.</li>
 *   <li>Redis unreachable at start: the application does not start, and the error names the URL.
 *       With {@code channels.redis.optional=true} it starts with broadcasts local only, and a
 *       warning.</li>
 *   <li>Redis lost while running: broadcasts published during the outage reach this server's
 *       connections only (the other servers miss them, and this server misses theirs); the log
 *       says when the outage starts and ends. The client reconnects with backoff and subscribes
 *       again by itself; nothing needs a restart.</li>
 * </ul>
 * Settings are read from system properties, else from the environment ({@code CHANNELS_REDIS_URL},
 * {@code CHANNELS_REDIS_OPTIONAL}, {@code CHANNELS_REDIS_CHANNEL}); all servers of one application
 * must use the same Redis and the same pub/sub channel ({@code wschannels:broadcasts} by default).
 */
@ApplicationScoped
public class RedisTransport implements BroadcastTransport {

    /** The Redis URL, for example {@code redis://localhost:6379}. */
    public static final String URL = "channels.redis.url";
    /** {@code true} to start local-only when Redis cannot be reached at start. */
    public static final String OPTIONAL = "channels.redis.optional";
    /** The Redis pub/sub channel the servers share. */
    public static final String CHANNEL = "channels.redis.channel";

    private static final Logger LOG = Logger.getLogger(RedisTransport.class.getName());

    private final String url;
    private final boolean optional;
    private final String topic;
    private final AtomicBoolean outage = new AtomicBoolean();
    private volatile Consumer<Broadcast> local;
    private RedisClient client;
    private StatefulRedisConnection<String, String> publisher;
    private StatefulRedisPubSubConnection<String, String> subscriber;
    private volatile boolean clustered;

    /** Reads the settings from system properties or the environment. */
    public RedisTransport() {
        this(setting(URL), Boolean.parseBoolean(setting(OPTIONAL)), setting(CHANNEL));
    }

    /**
     * @param url the Redis URL, or {@code null} for broadcasts on this server only
     * @param optional start local-only when Redis cannot be reached at start
     * @param topic the pub/sub channel, or {@code null} for {@code wschannels:broadcasts}
     */
    public RedisTransport(String url, boolean optional, String topic) {
        this.url = url == null || url.isBlank() ? null : url.trim();
        this.optional = optional;
        this.topic = topic == null || topic.isBlank() ? "wschannels:broadcasts" : topic;
    }

    private static String setting(String property) {
        String value = System.getProperty(property);
        return value != null ? value : System.getenv(property.toUpperCase(java.util.Locale.ROOT).replace('.', '_'));
    }

    @Override
    public synchronized void start(Consumer<Broadcast> localDelivery) {
        this.local = localDelivery;
        if (url == null) {
            LOG.info(() -> "No Redis URL (system property " + URL + " or CHANNELS_REDIS_URL): broadcasts reach this"
                    + " server's connections only");
            return;
        }
        RedisURI uri;
        try {
            uri = RedisURI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The Redis URL " + url + " (" + URL + ") is malformed: write it as"
                    + " redis://host:port or rediss://host:port for TLS", e);
        }
        client = RedisClient.create(uri);
        // Fail publishes at once while disconnected (they fall back to local delivery) rather than
        // queue them for a burst of stale broadcasts when Redis is back.
        client.setOptions(ClientOptions.builder().autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(io.lettuce.core.RedisChannelHandler<?, ?> connection) {
                if (clustered && outage.compareAndSet(false, true)) {
                    LOG.warning(() -> "Lost Redis at " + url + ": until it is back, broadcasts reach this server's"
                            + " connections only. Reconnecting with backoff.");
                }
            }

            @Override
            public void onRedisConnected(io.lettuce.core.RedisChannelHandler<?, ?> connection, SocketAddress address) {
                if (outage.compareAndSet(true, false)) {
                    LOG.info(() -> "Redis at " + url + " is back: broadcasts reach every server again");
                }
            }
        });
        try {
            subscriber = client.connectPubSub();
            subscriber.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    receive(message);
                }
            });
            subscriber.sync().subscribe(topic);
            publisher = client.connect();
            clustered = true;
            LOG.info(() -> "Broadcasts travel through Redis at " + url + " (pub/sub channel " + topic + ")");
        } catch (RedisConnectionException e) {
            closeQuietly();
            if (!optional) {
                throw new IllegalStateException("Cannot reach Redis at " + url + " for broadcasts across servers: "
                        + e.getMessage() + ". Start Redis, fix " + URL + " (or CHANNELS_REDIS_URL), or set " + OPTIONAL
                        + "=true to start with broadcasts on this server only.", e);
            }
            LOG.warning(() -> "Cannot reach Redis at " + url + " (" + e.getMessage() + "); " + OPTIONAL + " is set, so"
                    + " broadcasts reach this server's connections only until the application restarts");
        }
    }

    @Override
    public CompletionStage<Void> publish(Broadcast broadcast) {
        if (!clustered) {
            local.accept(broadcast);
            return CompletableFuture.completedFuture(null);
        }
        String payload = BroadcastCodec.encode(broadcast);
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            publisher.async().publish(topic, payload).whenComplete((receivers, failure) -> {
                if (failure != null) {
                    unreachable(broadcast, failure);
                }
                done.complete(null);
            });
        } catch (RuntimeException failure) {
            unreachable(broadcast, failure);
            done.complete(null);
        }
        return done;
    }

    /** Redis did not take the broadcast: this server's connections still get it. */
    private void unreachable(Broadcast broadcast, Throwable failure) {
        if (outage.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "Redis at " + url + " does not answer: until it is back, broadcasts reach this"
                    + " server's connections only", failure);
        }
        local.accept(broadcast);
    }

    private void receive(String message) {
        Broadcast broadcast;
        try {
            broadcast = BroadcastCodec.decode(message);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Ignored a message on Redis channel " + topic + " that is not a broadcast; is"
                    + " another application using the same channel? Set " + CHANNEL + " to tell them apart", e);
            return;
        }
        local.accept(broadcast);
    }

    @Override
    public synchronized void stop() {
        clustered = false;
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            if (subscriber != null) {
                subscriber.close();
            }
            if (publisher != null) {
                publisher.close();
            }
            if (client != null) {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Closing the Redis client failed", e);
        }
    }
}
