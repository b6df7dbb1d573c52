package io.wschannels.cdi.connection;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Collection;

/**
 * The items of an {@link Outbox} waiting behind its write in flight, and their bytes; and how the
 * next write is taken from them: one item, or the frames of several texts written together where
 * the container writes whole frames. Not thread-safe: its outbox's lock guards it.
 */
final class WaitingLine {

    /**
     * The most bytes of waiting frames joined into one write. Small messages, where the system call
     * per message costs most, fit by the dozen. A container that cannot write several buffers at
     * once joins them into a copy of its own, which a peer that reads slowly keeps until it has
     * read it: so this also bounds what a slow peer can hold beyond the shared frames.
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
        ByteBuffer[] frames = new ByteBuffer[count];
        Outgoing[] parts = new Outgoing[count];
        parts[0] = first;
        frames[0] = ((OutgoingText) first.payload).frame();
        int joinedBytes = first.bytes;
        for (int i = 1; i < count; i++) {
            Outgoing next = items.poll();
            bytes -= next.bytes;
            joinedBytes += next.bytes;
            parts[i] = next;
            frames[i] = ((OutgoingText) next.payload).frame();
        }
        return new Outgoing(outbox, Outgoing.Kind.FRAMES, frames, joinedBytes, failure -> {
            for (Outgoing part : parts) {
                part.completion.done(failure);
            }
        });
    }
}
