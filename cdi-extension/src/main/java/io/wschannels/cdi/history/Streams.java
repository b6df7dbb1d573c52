package io.wschannels.cdi.history;

import io.wschannels.spi.Broadcast;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The streams of one channel with {@code @History}, in memory. A stream is made by its first
 * message and given up when nothing in it is young enough to keep; made again, it has a new
 * epoch, as it has after a restart, so that no client takes a new history for the old one.
 */
public final class Streams {

    private final Broadcast.Retention retention;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Stream> streams = new ConcurrentHashMap<>();
    // Epochs unique across restarts and servers without a random draw per stream.
    private final String server = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    private final AtomicLong made = new AtomicLong();

    /**
     * @param retention how much each stream keeps
     * @param clock the time in milliseconds
     */
    public Streams(Broadcast.Retention retention, LongSupplier clock) {
        this.retention = retention;
        this.clock = clock;
    }

    /** @return how much each stream keeps */
    public Broadcast.Retention retention() {
        return retention;
    }

    /** @return the time now, in milliseconds */
    public long now() {
        return clock.getAsLong();
    }

    /**
     * Locks the streams of these names, made if need be, in the order given (which must be sorted,
     * so that two callers never wait for each other); release each with {@link Stream#unlock()}.
     */
    public List<Stream> lock(List<String> sortedNames) {
        List<Stream> locked = new ArrayList<>(sortedNames.size());
        for (String name : sortedNames) {
            while (true) {
                Stream stream = streams.computeIfAbsent(
                        name, n -> new Stream(n, server + Long.toString(made.incrementAndGet(), 36)));
                stream.lock();
                if (!stream.dropped()) {
                    locked.add(stream);
                    break;
                }
                stream.unlock(); // given up meanwhile: its successor is made on the next turn
                streams.remove(name, stream);
            }
        }
        return locked;
    }

    /** @return the stream of this name, locked, or {@code null} if it has no history now */
    public Stream lockExisting(String name) {
        Stream stream = streams.get(name);
        if (stream == null) {
            return null;
        }
        stream.lock();
        if (stream.dropped()) {
            stream.unlock();
            return null;
        }
        return stream;
    }

    /** Forgets what is too old, and gives up the streams left empty. */
    public void expire() {
        long now = now();
        for (Stream stream : streams.values()) {
            stream.lock();
            try {
                if (stream.expire(now, retention.maxAgeMillis())) {
                    streams.remove(stream.name(), stream);
                }
            } finally {
                stream.unlock();
            }
        }
    }

    /** @return how many streams have a history now */
    public int size() {
        return streams.size();
    }
}
