package io.wschannels.cdi.broadcast;

import io.wschannels.cdi.connection.LiveConnection;
import io.wschannels.cdi.connection.OutgoingText;
import io.wschannels.cdi.history.Position;
import io.wschannels.cdi.history.Resume;
import io.wschannels.cdi.history.Stream;
import io.wschannels.cdi.history.Streams;
import io.wschannels.cdi.json.Envelopes;
import io.wschannels.spi.Broadcast;
import io.wschannels.spi.BroadcastHistory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The history of a channel with {@code @History}. Each broadcast to rooms or users is kept in their
 * streams with its positions, here in memory, or by the application's transport when it keeps
 * history ({@link BroadcastHistory}, shared by every server); a returning client is replayed what it
 * missed as {@code onConnect} joins it again.
 *
 * <p>Order and exactly once: on this server a stream's deliveries and its replays to joining
 * clients take the same lock. In memory the lock also covers keeping, so a replay ends exactly where
 * live messages begin. With a shared history a broadcast may be kept before a replay reads it and
 * arrive here after the join: the joining connection remembers the last offset it was replayed
 * ({@code Membership#seenUpTo}) and such a broadcast is not sent to it twice.
 */
final class ChannelHistory {

    private static final Logger LOG = Logger.getLogger(ChannelHistory.class.getName());
    private static final String ROOM = "room:";
    private static final String USER = "user:";
    private static final int STRIPES = 64;

    private final String channel;
    private final Streams streams;
    /** Delivery and replay of shared streams, by stream name: bounded, whatever the number of rooms. */
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    private volatile BroadcastHistory shared;

    ChannelHistory(String channel, Broadcast.Retention retention) {
        this.channel = channel;
        this.streams = new Streams(retention, System::currentTimeMillis);
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    static String room(String name) {
        return ROOM + name;
    }

    static String user(String id) {
        return USER + id;
    }

    Broadcast.Retention retention() {
        return streams.retention();
    }

    /** The application's transport keeps history: streams are read from it from now on. */
    void share(BroadcastHistory history) {
        this.shared = history;
    }

    /**
     * Delivers a broadcast to rooms or users: kept first (in memory), or with the positions its
     * transport kept it at, or as it is when the transport could not keep it (Redis unreachable).
     *
     * @param send queues the message to the audience, skipping connections that were replayed its offsets
     */
    void deliver(Broadcast broadcast, BiConsumer<String, Map<String, Long>> send) {
        if (!broadcast.positions().isEmpty()) {
            Map<String, String> positions = new TreeMap<>(broadcast.positions());
            List<ReentrantLock> held = lockStripes(new ArrayList<>(positions.keySet()));
            try {
                send.accept(envelope(positions, broadcast.text()), offsets(positions));
            } finally {
                held.forEach(ReentrantLock::unlock);
            }
        } else if (shared != null) {
            send.accept(broadcast.text(), null);
        } else {
            List<Stream> locked = streams.lock(broadcast.target().streams());
            try {
                send.accept(keep(locked, broadcast), null);
            } finally {
                locked.forEach(Stream::unlock);
            }
        }
    }

    /** What holds a stream while a connection joins it and is replayed: release it after the join. */
    record Hold(Stream stream, ReentrantLock stripe) {
        void release() {
            if (stream != null) {
                stream.unlock();
            }
            if (stripe != null) {
                stripe.unlock();
            }
        }
    }

    Hold hold(String name) {
        if (shared != null) {
            ReentrantLock stripe = stripes[stripe(name)];
            stripe.lock();
            return new Hold(null, stripe);
        }
        return new Hold(streams.lockExisting(name), null);
    }

    /** Under the stream's hold, right after the join: queues what the client missed, or says it cannot. */
    void replay(LiveConnection connection, Resume resume, String name, Position from, Hold hold) {
        List<Kept> missed = shared == null ? readKept(from, hold) : readShared(name, from);
        if (missed == null) {
            resume.impossible(name, "unavailable");
            return;
        }
        int sent = 0;
        long seen = from.offset();
        for (Kept kept : missed) {
            seen = Math.max(seen, kept.offset());
            if (resume.firstReplay(kept.id())) {
                connection.queueLater(OutgoingText.broadcast(kept.envelope()), failure -> {});
                sent++;
            }
        }
        if (shared != null) {
            // Kept before this read but perhaps still on its way here: not to be sent again.
            connection.membership().seenUpTo(name, seen);
        }
        if (sent > 0) {
            connection.flushSoon();
        }
        resume.recovered(name, sent);
    }

    /** One missed message: its offset in the stream being resumed, its broadcast's id, what is sent. */
    private record Kept(long offset, String id, String envelope) {}

    private List<Kept> readKept(Position from, Hold hold) {
        List<Stream.Entry> entries = hold.stream() == null
                ? null
                : hold.stream().after(from, streams.now(), streams.retention().maxAgeMillis());
        if (entries == null) {
            return null;
        }
        List<Kept> missed = new ArrayList<>(entries.size());
        for (Stream.Entry entry : entries) {
            missed.add(new Kept(entry.offset(), entry.id(), entry.envelope()));
        }
        return missed;
    }

    private List<Kept> readShared(String name, Position from) {
        List<Broadcast> kept;
        try {
            kept = shared.after(
                    channel,
                    name,
                    from.epoch(),
                    from.offset(),
                    streams.retention().maxAgeMillis());
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "Could not read the history of " + name + " of " + channel + "; the client is"
                            + " told it cannot be recovered",
                    e);
            return null;
        }
        if (kept == null) {
            return null;
        }
        List<Kept> missed = new ArrayList<>(kept.size());
        for (Broadcast broadcast : kept) {
            Map<String, String> positions = new TreeMap<>(broadcast.positions());
            Position at = Position.parse(positions.get(name));
            missed.add(new Kept(
                    at == null ? from.offset() : at.offset(), broadcast.id(), envelope(positions, broadcast.text())));
        }
        return missed;
    }

    /** Keeps a broadcast in its locked streams, in memory; returns what its recipients are sent. */
    private String keep(List<Stream> locked, Broadcast broadcast) {
        Map<String, String> positions = new TreeMap<>();
        for (Stream stream : locked) {
            positions.put(stream.name(), stream.next().toString());
        }
        String text = envelope(positions, broadcast.text());
        long now = streams.now();
        int most = streams.retention().messages();
        long maxAge = streams.retention().maxAgeMillis();
        for (Stream stream : locked) {
            stream.append(broadcast.id(), text, now, most, maxAge);
        }
        return text;
    }

    /** What clients receive: {@code {"type":"channels:message","at":{...},"text":"..."}}. */
    static String envelope(Map<String, String> positions, String message) {
        StringBuilder envelope = new StringBuilder(message.length() + 64 + 32 * positions.size())
                .append("{\"type\":\"channels:message\",\"at\":{");
        String comma = "";
        for (Map.Entry<String, String> position : positions.entrySet()) {
            envelope.append(comma)
                    .append(Envelopes.quote(position.getKey()))
                    .append(':')
                    .append(Envelopes.quote(position.getValue()));
            comma = ",";
        }
        return envelope.append("},\"text\":")
                .append(Envelopes.quote(message))
                .append('}')
                .toString();
    }

    private static Map<String, Long> offsets(Map<String, String> positions) {
        Map<String, Long> offsets = new HashMap<>(positions.size() * 2);
        positions.forEach((stream, position) -> {
            Position at = Position.parse(position);
            if (at != null) {
                offsets.put(stream, at.offset());
            }
        });
        return offsets;
    }

    private static int stripe(String name) {
        return (name.hashCode() & Integer.MAX_VALUE) % STRIPES;
    }

    /** Locks the stripes of these streams, each once, in stripe order. */
    private List<ReentrantLock> lockStripes(List<String> names) {
        int[] indexes = names.stream()
                .mapToInt(ChannelHistory::stripe)
                .distinct()
                .sorted()
                .toArray();
        List<ReentrantLock> held = new ArrayList<>(indexes.length);
        for (int index : indexes) {
            stripes[index].lock();
            held.add(stripes[index]);
        }
        return held;
    }

    /** Forgets what is too old, in memory. */
    void expire() {
        streams.expire();
    }

    /** @return how often {@link #expire()} should run, in milliseconds */
    long expiryPeriodMillis() {
        return Math.max(1000, Math.min(60_000, streams.retention().maxAgeMillis() / 4));
    }
}
