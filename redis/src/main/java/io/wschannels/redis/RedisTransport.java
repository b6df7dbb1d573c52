package io.wschannels.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.wschannels.spi.Broadcast;
import io.wschannels.spi.BroadcastHistory;
import io.wschannels.spi.BroadcastTransport;
import io.wschannels.spi.PresenceStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 *   <li>A broadcast reaches whoever is in its audience on each server when it arrives there: a
 *       connection that joins on another server while the broadcast is on its way gets it too.
 *       One server's broadcasts arrive everywhere in the order it published them.</li>
 *   <li>Redis unreachable at start: the application does not start, and the error names the URL.
 *       With {@code channels.redis.optional=true} it starts with broadcasts local only, and a
 *       warning.</li>
 *   <li>Redis lost while running: broadcasts published during the outage reach this server's
 *       connections only (the other servers miss them, and this server misses theirs); the log
 *       says when the outage starts and ends. The client reconnects with backoff and subscribes
 *       again by itself; nothing needs a restart.</li>
 *   <li>Channels with {@code @History} keep their rooms' and users' broadcasts in Redis
 *       ({@link RedisHistory}), so a client that comes back to another server recovers what it
 *       missed. During an outage broadcasts are not kept.</li>
 * </ul>
 * Settings are read from MicroProfile Config where the server has it (so a WAR can carry them in
 * {@code META-INF/microprofile-config.properties}), else from system properties, else from the
 * environment ({@code CHANNELS_REDIS_URL}, {@code CHANNELS_REDIS_OPTIONAL}, {@code CHANNELS_REDIS_CHANNEL},
 * {@code CHANNELS_REDIS_PRESENCE_TTL}); all servers of one application must use the same Redis
 * and the same pub/sub channel ({@code wschannels:broadcasts} by default).
 */
@ApplicationScoped
public class RedisTransport implements BroadcastTransport, PresenceStore {

    /** The Redis URL, for example {@code redis://localhost:6379}. */
    public static final String URL = "channels.redis.url";
    /** {@code true} to start local-only when Redis cannot be reached at start. */
    public static final String OPTIONAL = "channels.redis.optional";
    /** The Redis pub/sub channel the servers share; also the prefix of the presence keys. */
    public static final String CHANNEL = "channels.redis.channel";
    /**
     * Seconds a server's presence entries outlive it when it dies without a goodbye (15 by
     * default); they are removed, and their leaves sent, within about one and a third of it.
     */
    public static final String PRESENCE_TTL = "channels.redis.presence.ttl";

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
    private final RedisPresence presence;
    /** Kept broadcasts of channels with {@code @History}, while clustered. */
    private volatile RedisHistory history;
    /**
     * Received broadcasts are delivered here, in order, off Lettuce's event loop: a delivery may
     * wait for a client being resumed, whose replay is read from Redis over that same loop.
     */
    private ExecutorService deliveries;

    /** Reads the settings from system properties or the environment. */
    public RedisTransport() {
        this(
                RedisSettings.value(URL),
                Boolean.parseBoolean(RedisSettings.value(OPTIONAL)),
                RedisSettings.value(CHANNEL));
        String ttl = RedisSettings.value(PRESENCE_TTL);
        if (ttl != null) {
            presence.ttlSeconds(Integer.parseInt(ttl.trim()));
        }
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
        this.presence = new RedisPresence(this.topic);
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
            throw new IllegalStateException(
                    "The Redis URL " + url + " (" + URL + ") is malformed: write it as"
                            + " redis://host:port or rediss://host:port for TLS",
                    e);
        }
        client = RedisClient.create(uri);
        // Fail publishes at once while disconnected (they fall back to local delivery) rather than
        // queue them for a burst of stale broadcasts when Redis is back.
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                presence.resync(); // a restarted Redis has forgotten this server's presence entries
                if (clustered && outage.compareAndSet(false, true)) {
                    LOG.warning(() -> "Lost Redis at " + url + ": until it is back, broadcasts reach this server's"
                            + " connections only. Reconnecting with backoff.");
                }
            }

            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                if (outage.compareAndSet(true, false)) {
                    LOG.info(() -> "Redis at " + url + " is back: broadcasts reach every server again");
                }
            }
        });
        try {
            subscriber = client.connectPubSub();
            deliveries = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "channels-redis-deliveries");
                thread.setDaemon(true);
                return thread;
            });
            subscriber.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    deliveries.execute(() -> receive(message));
                }
            });
            subscriber.sync().subscribe(topic);
            publisher = client.connect();
            presence.attach(publisher);
            history = new RedisHistory(topic, publisher);
            clustered = true;
            LOG.info(() -> "Broadcasts travel through Redis at " + url + " (pub/sub channel " + topic + ")");
        } catch (RedisConnectionException e) {
            closeQuietly();
            if (!optional) {
                throw new IllegalStateException(
                        "Cannot reach Redis at " + url + " for broadcasts across servers: "
                                + e.getMessage() + ". Start Redis, fix " + URL + " (or CHANNELS_REDIS_URL), or set "
                                + OPTIONAL
                                + "=true to start with broadcasts on this server only.",
                        e);
            }
            LOG.warning(() -> "Cannot reach Redis at " + url + " (" + e.getMessage() + "); " + OPTIONAL + " is set, so"
                    + " broadcasts reach this server's connections only until the application restarts");
        }
    }

    /**
     * While Redis is lost, unless {@value #OPTIONAL} is set: an optional Redis is allowed to be away,
     * and the server stays ready with broadcasts on its own connections only.
     */
    @Override
    public String unavailable() {
        if (optional || !outage.get()) {
            return null;
        }
        return "Redis at " + url + " is unreachable: broadcasts reach this server's connections only until it is back";
    }

    @Override
    public CompletionStage<Void> publish(Broadcast broadcast) {
        if (!clustered) {
            local.accept(broadcast);
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            CompletionStage<?> published = broadcast.keep() != null && history != null
                    ? history.keepAndPublish(broadcast)
                    : publisher.async().publish(topic, BroadcastCodec.encode(broadcast));
            published.whenComplete((receivers, failure) -> {
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

    /** Kept in Redis while clustered, so that a client recovers on any server; else {@code null}. */
    @Override
    public BroadcastHistory history() {
        return clustered ? history : null;
    }

    /** Redis did not take the broadcast: this server's connections still get it (not kept). */
    private void unreachable(Broadcast broadcast, Throwable failure) {
        if (outage.compareAndSet(false, true)) {
            LOG.log(
                    Level.WARNING,
                    "Redis at " + url + " does not answer: until it is back, broadcasts reach this"
                            + " server's connections only",
                    failure);
        }
        local.accept(broadcast);
    }

    private void receive(String message) {
        Broadcast broadcast;
        try {
            broadcast = BroadcastCodec.decode(message);
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "Ignored a message on Redis channel " + topic + " that is not a broadcast; is"
                            + " another application using the same channel? Set " + CHANNEL + " to tell them apart",
                    e);
            return;
        }
        local.accept(broadcast);
    }

    @Override
    public synchronized void stop() {
        presence.stop();
        clustered = false;
        closeQuietly();
        if (deliveries != null) {
            deliveries.shutdown();
        }
    }

    @Override
    public void start(String server, Consumer<Departure> departed) {
        presence.start(server, departed);
    }

    @Override
    public CompletionStage<Void> put(String channel, String room, Entry entry) {
        return presence.put(channel, room, entry);
    }

    @Override
    public CompletionStage<Void> remove(String channel, String room, String key) {
        return presence.remove(channel, room, key);
    }

    @Override
    public List<Entry> list(String channel, String room) {
        return presence.list(channel, room);
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
