package io.wschannels.redis;

import io.lettuce.core.api.StatefulRedisConnection;
import io.wschannels.spi.PresenceStore;
import io.wschannels.spi.PresenceStore.Entry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Presence in Redis for {@link RedisTransport}: each room a hash of its present connections, each
 * server a key that it renews every third of the TTL; a server whose key expired is dead, and the
 * first server to remove one of its entries tells the room. Without Redis, this server's entries only.
 */
final class RedisPresence {

    private static final Logger LOG = Logger.getLogger(RedisPresence.class.getName());

    private final String topic;
    private int ttlSeconds = 15;
    private volatile StatefulRedisConnection<String, String> publisher;

    RedisPresence(String topic) {
        this.topic = topic;
    }

    void ttlSeconds(int seconds) {
        this.ttlSeconds = seconds;
    }

    /** Redis is there: entries go to it from now on. */
    void attach(StatefulRedisConnection<String, String> connection) {
        this.publisher = connection;
    }

    /** Redis may have forgotten this server's entries (it restarted, or a write failed): put them back. */
    void resync() {
        resync = true;
    }

    synchronized void stop() {
        if (presenceThread != null) {
            presenceThread.shutdownNow();
            presenceThread = null;
        }
        publisher = null;
    }

    private final Map<String, Entry> own = new ConcurrentHashMap<>();
    private volatile Consumer<PresenceStore.Departure> departed;
    private volatile String server;
    private ScheduledExecutorService presenceThread;
    private volatile boolean resync;

    synchronized void start(String server, Consumer<PresenceStore.Departure> departed) {
        this.server = server;
        this.departed = departed;
        if (publisher == null) {
            return;
        }
        long every = Math.max(200, ttlSeconds * 1000L / 3);
        presenceThread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "channels-redis-presence");
            thread.setDaemon(true);
            return thread;
        });
        presenceThread.scheduleWithFixedDelay(this::presenceTick, 0, every, TimeUnit.MILLISECONDS);
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
            redis.setex(serverKey(server), ttlSeconds, "1");
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
                Map<String, String> entries = redis.hgetall(roomKey(parts[0], parts[1]));
                if (entries.isEmpty()) {
                    redis.srem(roomsKey(), where);
                    continue;
                }
                Map<String, Boolean> alive = new HashMap<>();
                for (Map.Entry<String, String> field : entries.entrySet()) {
                    String owner = field.getKey()
                            .substring(0, Math.max(0, field.getKey().indexOf(':')));
                    boolean live =
                            alive.computeIfAbsent(owner, o -> o.equals(server) || redis.exists(serverKey(o)) > 0);
                    // Whoever deletes it tells the room: exactly one server announces each departure.
                    if (!live && redis.hdel(roomKey(parts[0], parts[1]), field.getKey()) == 1) {
                        departed.accept(new PresenceStore.Departure(
                                parts[0], parts[1], PresenceCodec.decode(field.getKey(), field.getValue())));
                    }
                }
            }
        } catch (RuntimeException e) {
            resync = true; // Redis away: put our entries back once it answers again
            LOG.log(Level.FINE, "Presence upkeep failed; retried at the next tick", e);
        }
    }

    CompletionStage<Void> put(String channel, String room, Entry entry) {
        own.put(channel + "\n" + room + "\n" + entry.key(), entry);
        if (publisher == null) {
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

    CompletionStage<Void> remove(String channel, String room, String key) {
        own.remove(channel + "\n" + room + "\n" + key);
        if (publisher == null) {
            return CompletableFuture.completedFuture(null);
        }
        try {
            return publisher.async().hdel(roomKey(channel, room), key).thenApply(ignored -> (Void) null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    List<Entry> list(String channel, String room) {
        if (publisher == null) {
            String prefix = channel + "\n" + room + "\n";
            return own.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(prefix))
                    .map(Map.Entry::getValue)
                    .toList();
        }
        var redis = publisher.sync();
        Map<String, Boolean> alive = new HashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, String> field :
                redis.hgetall(roomKey(channel, room)).entrySet()) {
            String owner =
                    field.getKey().substring(0, Math.max(0, field.getKey().indexOf(':')));
            if (alive.computeIfAbsent(owner, o -> o.equals(server) || redis.exists(serverKey(o)) > 0)) {
                entries.add(PresenceCodec.decode(field.getKey(), field.getValue()));
            }
        }
        return entries;
    }
}
