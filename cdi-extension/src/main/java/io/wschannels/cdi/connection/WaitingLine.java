package io.wschannels.cdi.connection;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Collection;

/**
 * The items of an {@link Outbox} waiting behind its write in flight, and their bytes; and how the
 * next write is taken from them: one item, or texts joined into one buffer of frames where the
 * container writes whole frames. Not thread-safe: its outbox's lock guards it.
 */
final class WaitingLine {

    /**
     * The most bytes of waiting frames joined into one write. A joined write is a copy of its own,
     * where the frames it joins are shared by all the recipients of a broadcast, and a peer that
     * reads slowly keeps it until it has read it: so this also bounds what a slow peer can hold
     * beyond the shared frames. Small messages, where the system call per message costs most, fit
     * by the dozen.
     */
    static final int MAX_JOINED_BYTES = 16 * 1024;

    /** Whether the container takes whole frames, so that waiting texts can be joined. */
    private final boolean framed;

    /** Created on first need, since most connections never have anything waiting. */
    private ArrayDeque<Outgoing> items;

    private long bytes;

    WaitingLine(boolean framed) {
        this.framed = framed;
    }

    long bytes() {
        return bytes;
    }

    void add(Outgoing item) {
        if (items == null) {
            items = new ArrayDeque<>();
        }
        items.add(item);
        bytes += item.bytes;
    }

    /** Moves every item to {@code into}, in order. */
    void drainTo(Collection<Outgoing> into) {
        if (items != null) {
            into.addAll(items);
            items.clear();
        }
        bytes = 0;
    }

    /**
     * Takes the next write off the line: the first item; where frames are joined, texts right behind it
     * are joined to it while they fit in {@link #MAX_JOINED_BYTES}, into one item whose outcome each
     * of them is told.
     *
     * @param first the item to start with, already off the line, or {@code null} to take the first on it
     * @return the next write, or {@code null} if there is nothing to write
     */
    Outgoing next(Outgoing first, Outbox outbox) {
        if (first == null) {
            first = items == null ? null : items.poll();
            if (first == null) {
                return null;
            }
            bytes -= first.bytes;
        }
        if (!framed || first.kind != Outgoing.Kind.TEXT || items == null) {
            return first;
        }
        int total = ((OutgoingText) first.payload).frameBytes();
        int count = 1;
        for (Outgoing next : items) {
            if (next.kind != Outgoing.Kind.TEXT) {
                break;
            }
            int more = ((OutgoingText) next.payload).frameBytes();
            if (total + more > MAX_JOINED_BYTES) {
                break;
            }
            total += more;
            count++;
        }
        if (count == 1) {
            return first;
        }
        ByteBuffer joined = ByteBuffer.allocate(total);
        Outgoing[] parts = new Outgoing[count];
        parts[0] = first;
        joined.put(((OutgoingText) first.payload).frame());
        int joinedBytes = first.bytes;
        for (int i = 1; i < count; i++) {
            Outgoing next = items.poll();
            bytes -= next.bytes;
            joinedBytes += next.bytes;
            parts[i] = next;
            joined.put(((OutgoingText) next.payload).frame());
        }
        return new Outgoing(outbox, Outgoing.Kind.FRAMES, joined.flip(), joinedBytes, failure -> {
            for (Outgoing part : parts) {
                part.completion.done(failure);
            }
        });
    }
}
