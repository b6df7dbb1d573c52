package io.wschannels.cdi.connection;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Collection;

/**
 * The items of an {@link Outbox} waiting behind its write in flight, and their bytes; and how the
 * next write is taken from them: one item, or several texts written together where the container
 * writes whole frames or sends a batch in one write. Not thread-safe: its outbox's lock guards it.
 */
final class WaitingLine {

    /** How waiting texts are joined into one write, if at all. */
    enum Joining {
        /** One item per write. */
        NONE,
        /** Their frames, in one write through the container's frame writer ({@link Outgoing.Kind#FRAMES}). */
        FRAMES,
        /** Sent back to back as one batch, flushed once ({@link Outgoing.Kind#TEXTS}). */
        TEXTS
    }

    /**
     * The most bytes of waiting frames joined into one write. Small messages, where the system call
     * per message costs most, fit by the dozen. A container that cannot write several buffers at
     * once joins them into a copy of its own, which a peer that reads slowly keeps until it has
     * read it: so this also bounds what a slow peer can hold beyond the shared frames.
     */
    static final int MAX_JOINED_BYTES = 16 * 1024;

    private final Joining joining;

    /** Created on first need, since most connections never have anything waiting. */
    private ArrayDeque<Outgoing> items;

    private long bytes;

    WaitingLine(Joining joining) {
        this.joining = joining;
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
     * Takes the next write off the line: the first item; where texts are joined, those right behind it
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
        if (joining == Joining.NONE || first.kind != Outgoing.Kind.TEXT || items == null) {
            return first;
        }
        int total = size(first);
        int count = 1;
        for (Outgoing next : items) {
            if (next.kind != Outgoing.Kind.TEXT) {
                break;
            }
            int more = size(next);
            if (total + more > MAX_JOINED_BYTES) {
                break;
            }
            total += more;
            count++;
        }
        if (count == 1) {
            return first;
        }
        Outgoing[] parts = new Outgoing[count];
        parts[0] = first;
        int joinedBytes = first.bytes;
        for (int i = 1; i < count; i++) {
            Outgoing next = items.poll();
            bytes -= next.bytes;
            joinedBytes += next.bytes;
            parts[i] = next;
        }
        Completion each = failure -> {
            for (Outgoing part : parts) {
                part.completion.done(failure);
            }
        };
        if (joining == Joining.TEXTS) {
            OutgoingText[] texts = new OutgoingText[count];
            for (int i = 0; i < count; i++) {
                texts[i] = (OutgoingText) parts[i].payload;
            }
            return new Outgoing(outbox, Outgoing.Kind.TEXTS, texts, joinedBytes, each);
        }
        ByteBuffer[] frames = new ByteBuffer[count];
        for (int i = 0; i < count; i++) {
            frames[i] = ((OutgoingText) parts[i].payload).frame();
        }
        return new Outgoing(outbox, Outgoing.Kind.FRAMES, frames, joinedBytes, each);
    }

    /** What an item weighs in a joined write: its frame where frames are joined, else its text's bytes. */
    private int size(Outgoing item) {
        return joining == Joining.FRAMES ? ((OutgoingText) item.payload).frameBytes() : item.bytes;
    }
}
