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
 * </ul>
 * Settings are read from MicroProfile Config where the server has it (so a WAR can carry them in
 * {@code META-INF/microprofile-config.properties}), else from system properties, else from the
 * environment ({@code CHANNELS_REDIS_URL}, {@code CHANNELS_REDIS_OPTIONAL}, {@code CHANNELS_REDIS_CHANNEL},
 * {@code CHANNELS_REDIS_PRESENCE_TTL}); all servers of one application must use the same Redis
 * and the same pub/sub channel ({@code wschannels:broadcasts} by default).
 */
@ApplicationScoped
public class RedisTransport implements BroadcastTransport, io.wschannels.spi.PresenceStore {

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

    /** Reads the settings from system properties or the environment. */
    public RedisTransport() {
        this(setting(URL), Boolean.parseBoolean(setting(OPTIONAL)), setting(CHANNEL));
        String ttl = setting(PRESENCE_TTL);
        if (ttl != null) {
            presenceTtlSeconds = Integer.parseInt(ttl.trim());
        }
    }

    private int presenceTtlSeconds = 15;

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

    /**
     * A setting from MicroProfile Config where the server has it (WildFly, Payara: the WAR's
     * {@code META-INF/microprofile-config.properties}, system properties, the environment), else
     * from a system property, else from the environment ({@code CHANNELS_REDIS_URL}).
     */
    private static String setting(String property) {
        String configured = MicroProfile.value(property);
        if (configured != null) {
            return configured;
        }
        String value = System.getProperty(property);
        return value != null ? value : System.getenv(property.toUpperCase(java.util.Locale.ROOT).replace('.', '_'));
    }

    /** Loaded only when MicroProfile Config is there. */
    private static final class MicroProfile {
        private static final boolean PRESENT = present();

        private static boolean present() {
            try {
                Class.forName("org.eclipse.microprofile.config.ConfigProvider", false,
                        RedisTransport.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException | LinkageError absent) {
                return false;
            }
        }

        static String value(String property) {
            if (!PRESENT) {
                return null;
            }
            try {
                return org.eclipse.microprofile.config.ConfigProvider.getConfig().getOptionalValue(property, String.class)
                        .orElse(null);
            } catch (RuntimeException noConfigHere) {
                return null;
            }
        }
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
                resync = true; // a restarted Redis has forgotten this server's presence entries
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
        if (presenceThread != null) {
            presenceThread.shutdownNow();
            presenceThread = null;
        }
        clustered = false;
        closeQuietly();
    }

    // --- presence ---

    private final java.util.Map<String, Entry> own = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile java.util.function.Consumer<Departure> departed;
    private volatile String server;
    private java.util.concurrent.ScheduledExecutorService presenceThread;
    private volatile boolean resync;

    @Override
    public synchronized void start(String server, java.util.function.Consumer<Departure> departed) {
        this.server = server;
        this.departed = departed;
        if (!clustered) {
            return;
        }
        long every = Math.max(200, presenceTtlSeconds * 1000L / 3);
        presenceThread = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "channels-redis-presence");
            thread.setDaemon(true);
            return thread;
        });
        presenceThread.scheduleWithFixedDelay(this::presenceTick, 0, every, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private String serverKey(String name) {
        return topic + ":presence:server:" + name;
    }

    private String roomKey(String channel, String room) {
        return topic + ":presence:room:" + channel + "\n" + room;
    }

    private String roomsKey() {
        return topic + ":presence:rooms";
    }

    /** Says this server is alive, puts back what an outage lost, and removes the entries of dead servers. */
    private void presenceTick() {
        try {
            var redis = publisher.sync();
            redis.setex(serverKey(server), presenceTtlSeconds, "1");
            if (resync) {
                resync = false;
                own.forEach((where, entry) -> {
                    String[] parts = where.split("\n", 3); // channel, room, key
                    redis.hset(roomKey(parts[0], parts[1]), entry.key(), PresenceCodec.encode(entry));
                    redis.sadd(roomsKey(), parts[0] + "\n" + parts[1]);
                });
            }
            for (String where : redis.smembers(roomsKey())) {
                String[] parts = where.split("\n", 2);
                java.util.Map<String, String> entries = redis.hgetall(roomKey(parts[0], parts[1]));
                if (entries.isEmpty()) {
                    redis.srem(roomsKey(), where);
                    continue;
                }
                java.util.Map<String, Boolean> alive = new java.util.HashMap<>();
                for (java.util.Map.Entry<String, String> field : entries.entrySet()) {
                    String owner = field.getKey().substring(0, Math.max(0, field.getKey().indexOf(':')));
                    boolean live = alive.computeIfAbsent(owner, o -> o.equals(server) || redis.exists(serverKey(o)) > 0);
                    // Whoever deletes it tells the room: exactly one server announces each departure.
                    if (!live && redis.hdel(roomKey(parts[0], parts[1]), field.getKey()) == 1) {
                        departed.accept(new Departure(parts[0], parts[1], PresenceCodec.decode(field.getKey(),
                                field.getValue())));
                    }
                }
            }
        } catch (RuntimeException e) {
            resync = true; // Redis away: put our entries back once it answers again
            LOG.log(Level.FINE, "Presence upkeep failed; retried at the next tick", e);
        }
    }

    @Override
    public CompletionStage<Void> put(String channel, String room, Entry entry) {
        own.put(channel + "\n" + room + "\n" + entry.key(), entry);
        if (!clustered) {
            return CompletableFuture.completedFuture(null);
        }
        try {
            var redis = publisher.async();
            redis.sadd(roomsKey(), channel + "\n" + room);
            return redis.hset(roomKey(channel, room), entry.key(), PresenceCodec.encode(entry))
                    .thenApply(ignored -> (Void) null)
                    .whenComplete((ignored, failure) -> resync |= failure != null);
        } catch (RuntimeException e) {
            resync = true;
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletionStage<Void> remove(String channel, String room, String key) {
        own.remove(channel + "\n" + room + "\n" + key);
        if (!clustered) {
            return CompletableFuture.completedFuture(null);
        }
        try {
            return publisher.async().hdel(roomKey(channel, room), key).thenApply(ignored -> (Void) null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public java.util.List<Entry> list(String channel, String room) {
        if (!clustered) {
            String prefix = channel + "\n" + room + "\n";
            return own.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(java.util.Map.Entry::getValue)
                    .toList();
        }
        var redis = publisher.sync();
        java.util.Map<String, Boolean> alive = new java.util.HashMap<>();
        java.util.List<Entry> entries = new java.util.ArrayList<>();
        for (java.util.Map.Entry<String, String> field : redis.hgetall(roomKey(channel, room)).entrySet()) {
            String owner = field.getKey().substring(0, Math.max(0, field.getKey().indexOf(':')));
            if (alive.computeIfAbsent(owner, o -> o.equals(server) || redis.exists(serverKey(o)) > 0)) {
                entries.add(PresenceCodec.decode(field.getKey(), field.getValue()));
            }
        }
        return entries;
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
