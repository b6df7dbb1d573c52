package io.wschannels.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.wschannels.spi.Broadcast;
import io.wschannels.spi.BroadcastHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The history of channels with {@code @History} in Redis, shared by every server: each stream is a
 * Redis stream of the broadcasts' payloads, bounded by count ({@code MAXLEN}) and expiring with its
 * epoch when nothing is added for the channel's age. A broadcast is kept in all its streams and
 * published in one script, which Redis runs atomically: the order in which servers receive kept
 * broadcasts is the order of their offsets, and nothing that reached Redis is lost with a server.
 */
final class RedisHistory implements BroadcastHistory {

    /**
     * KEYS: the streams, then their meta hashes (epoch {@code e}, last offset {@code o}). ARGV: the
     * pub/sub channel, the most entries, the age in ms, a prefix for new epochs, the payload's head
     * and tail (the positions go between), the time in ms, then the stream names.
     */
    private static final String KEEP = """
            local n = #KEYS / 2
            local at = {}
            local offsets = {}
            for i = 1, n do
              local meta = KEYS[n + i]
              local epoch = redis.call('HGET', meta, 'e')
              if not epoch then
                epoch = ARGV[4] .. i
                redis.call('HSET', meta, 'e', epoch)
              end
              offsets[i] = redis.call('HINCRBY', meta, 'o', 1)
              at[i] = cjson.encode(ARGV[7 + i]) .. ':"' .. epoch .. ':' .. offsets[i] .. '"'
            end
            local payload = ARGV[5] .. table.concat(at, ',') .. ARGV[6]
            for i = 1, n do
              redis.call('XADD', KEYS[i], 'MAXLEN', ARGV[2], offsets[i] .. '-1', 'p', payload, 't', ARGV[7])
              redis.call('PEXPIRE', KEYS[i], ARGV[3])
              redis.call('PEXPIRE', KEYS[n + i], ARGV[3])
            end
            redis.call('PUBLISH', ARGV[1], payload)
            return n
            """;

    private final String topic;
    private final StatefulRedisConnection<String, String> connection;
    // Epochs unique across servers and restarts without a random draw per stream.
    private final String server = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    private final AtomicLong sequence = new AtomicLong();

    RedisHistory(String topic, StatefulRedisConnection<String, String> connection) {
        this.topic = topic;
        this.connection = connection;
    }

    private String key(String channel, String stream) {
        return topic + ":history:" + channel + ":" + stream;
    }

    /** Keeps a broadcast in its streams and publishes it with its positions, atomically. */
    CompletionStage<Void> keepAndPublish(Broadcast broadcast) {
        List<String> names = broadcast.target().streams();
        String[] keys = new String[names.size() * 2];
        String[] args = new String[7 + names.size()];
        for (int i = 0; i < names.size(); i++) {
            keys[i] = key(broadcast.channel(), names.get(i));
            keys[names.size() + i] = keys[i] + ":meta";
            args[7 + i] = names.get(i);
        }
        String payload = BroadcastCodec.encode(broadcast);
        args[0] = topic;
        args[1] = Integer.toString(broadcast.keep().messages());
        args[2] = Long.toString(broadcast.keep().maxAgeMillis());
        args[3] = server + Long.toString(sequence.incrementAndGet(), 36) + "x";
        args[4] = payload.substring(0, payload.length() - 1) + ",\"at\":{";
        args[5] = "}}";
        args[6] = Long.toString(System.currentTimeMillis());
        CompletableFuture<Void> done = new CompletableFuture<>();
        connection
                .async()
                .<Long>eval(KEEP, ScriptOutputType.INTEGER, keys, args)
                .whenComplete((n, failure) -> {
                    if (failure == null) {
                        done.complete(null);
                    } else {
                        done.completeExceptionally(failure);
                    }
                });
        return done;
    }

    @Override
    public List<Broadcast> after(String channel, String stream, String epoch, long offset, long maxAgeMillis) {
        String key = key(channel, stream);
        List<KeyValue<String, String>> meta = connection.sync().hmget(key + ":meta", "e", "o");
        String current = meta.get(0).getValueOrElse(null);
        String last = meta.get(1).getValueOrElse(null);
        if (current == null || last == null || !current.equals(epoch)) {
            return null;
        }
        long newest = Long.parseLong(last);
        if (offset > newest) {
            return null;
        }
        if (offset == newest) {
            return List.of();
        }
        List<StreamMessage<String, String>> entries =
                connection.sync().xrange(key, Range.create((offset + 1) + "-0", "+"));
        long oldest = System.currentTimeMillis() - maxAgeMillis;
        if (entries.isEmpty()
                || !entries.get(0).getId().equals((offset + 1) + "-1")
                || Long.parseLong(entries.get(0).getBody().get("t")) < oldest) {
            return null; // what follows the position is no longer kept
        }
        List<Broadcast> kept = new ArrayList<>(entries.size());
        for (StreamMessage<String, String> entry : entries) {
            kept.add(BroadcastCodec.decode(entry.getBody().get("p")));
        }
        return kept;
    }
}
