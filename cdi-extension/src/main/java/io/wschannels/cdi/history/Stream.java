package io.wschannels.cdi.history;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The kept messages of one room or user, oldest first, bounded by count and age. Everything but
 * its name and epoch is read and changed under its lock, which the runtime also holds while it
 * queues a kept message to its recipients, or replays the stream to a returning client: so every
 * client sees a stream's messages in the order of their offsets, and a replay and the live messages
 * after it neither overlap nor leave a gap.
 */
public final class Stream {

    /**
     * One kept message.
     *
     * @param offset its offset in the stream
     * @param id the broadcast's id, the same in every stream it was kept in
     * @param envelope what clients receive: the message with its positions
     * @param keptAt when, in milliseconds
     */
    public record Entry(long offset, String id, String envelope, long keptAt) {}

    private final String name;
    private final String epoch;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long last;
    private boolean dropped;

    Stream(String name, String epoch) {
        this.name = name;
        this.epoch = epoch;
    }

    /** @return {@code room:<name>} or {@code user:<id>} */
    public String name() {
        return name;
    }

    /** @return this history's epoch */
    public String epoch() {
        return epoch;
    }

    void lock() {
        lock.lock();
    }

    /** Releases the lock taken by {@link Streams#lock} or {@link Streams#lockExisting}. */
    public void unlock() {
        lock.unlock();
    }

    /** @return whether it was given up (nothing kept for the whole age); under the lock */
    boolean dropped() {
        return dropped;
    }

    /** @return the position the next message will get; under the lock */
    public Position next() {
        return new Position(epoch, last + 1);
    }

    /** Keeps a message at {@link #next()}; under the lock. */
    public void append(String id, String envelope, long now, int most, long maxAgeMillis) {
        entries.addLast(new Entry(++last, id, envelope, now));
        while (entries.size() > most) {
            entries.removeFirst();
        }
        trim(now, maxAgeMillis);
    }

    /**
     * @return what follows {@code seen}, oldest first (perhaps nothing), or {@code null} when that
     *     cannot be told: another epoch, older than what is kept, or an offset the stream never had;
     *     under the lock
     */
    public List<Entry> after(Position seen, long now, long maxAgeMillis) {
        trim(now, maxAgeMillis);
        if (!epoch.equals(seen.epoch()) || seen.offset() > last) {
            return null;
        }
        long first = entries.isEmpty() ? last + 1 : entries.peekFirst().offset();
        if (seen.offset() < first - 1) {
            return null;
        }
        List<Entry> missed = new ArrayList<>((int) (last - seen.offset()));
        for (Entry entry : entries) {
            if (entry.offset() > seen.offset()) {
                missed.add(entry);
            }
        }
        return missed;
    }

    /** Forgets what is too old; {@code true} if nothing is left, when the stream is given up; under the lock. */
    boolean expire(long now, long maxAgeMillis) {
        trim(now, maxAgeMillis);
        if (entries.isEmpty()) {
            dropped = true;
        }
        return dropped;
    }

    private void trim(long now, long maxAgeMillis) {
        while (!entries.isEmpty() && entries.peekFirst().keptAt() < now - maxAgeMillis) {
            entries.removeFirst();
        }
    }
}
