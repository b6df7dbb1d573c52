package io.wschannels.cdi.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.wschannels.spi.Broadcast;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** One stream's bounds by count and age, and which positions can be resumed; on a hand-driven clock. */
class StreamTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final Streams streams = new Streams(new Broadcast.Retention(3, 10_000), now::get);

    private Position append(String name, String id) {
        Stream stream = streams.lock(List.of(name)).get(0);
        try {
            Position at = stream.next();
            stream.append(id, "<" + id + ">", now.get(), 3, 10_000);
            return at;
        } finally {
            stream.unlock();
        }
    }

    private List<String> after(String name, Position seen) {
        Stream stream = streams.lockExisting(name);
        try {
            List<Stream.Entry> entries = stream.after(seen, now.get(), 10_000);
            return entries == null
                    ? null
                    : entries.stream().map(Stream.Entry::id).toList();
        } finally {
            stream.unlock();
        }
    }

    @Test
    void offsetsGrowByOneInOneEpoch() {
        Position first = append("room:a", "1");
        Position second = append("room:a", "2");
        assertEquals(first.epoch(), second.epoch());
        assertEquals(1, first.offset());
        assertEquals(2, second.offset());
        assertNotEquals(first.epoch(), append("room:b", "x").epoch(), "each stream its own epoch");
    }

    @Test
    void whatFollowsAPositionIsKeptUpToTheCount() {
        Position p1 = append("room:a", "1");
        append("room:a", "2");
        append("room:a", "3");
        Position p4 = append("room:a", "4"); // keeps 3: "1" is gone
        assertEquals(List.of("4"), after("room:a", new Position(p1.epoch(), 3)));
        assertEquals(List.of("2", "3", "4"), after("room:a", p1), "just inside: the first kept follows it");
        assertNull(after("room:a", new Position(p1.epoch(), 0)), "just outside: 1 is not kept");
        assertEquals(List.of(), after("room:a", p4), "nothing missed");
        assertNull(after("room:a", new Position(p1.epoch(), 5)), "never given");
        assertNull(after("room:a", new Position("other", 2)), "another epoch");
    }

    @Test
    void whatIsTooOldIsForgottenAndAnEmptiedStreamComesBackWithANewEpoch() {
        Position p1 = append("room:a", "1");
        now.addAndGet(6_000);
        append("room:a", "2");
        now.addAndGet(5_000); // "1" is 11 s old, "2" 5 s
        assertNull(after("room:a", new Position(p1.epoch(), 0)));
        assertEquals(List.of("2"), after("room:a", p1));
        streams.expire();
        assertEquals(1, streams.size());
        now.addAndGet(5_001);
        streams.expire();
        assertEquals(0, streams.size(), "nothing young enough: given up");
        assertNull(streams.lockExisting("room:a"));
        Position again = append("room:a", "3");
        assertNotEquals(p1.epoch(), again.epoch());
        assertEquals(1, again.offset());
    }

    @Test
    void aStreamGivenUpWhileLockedIsMadeAgainForTheNextMessage() {
        append("room:a", "1");
        Stream old = streams.lockExisting("room:a");
        now.addAndGet(20_000);
        Thread expiry = new Thread(streams::expire);
        expiry.start();
        old.unlock();
        assertSame(null, joinQuietly(expiry));
        Position next = append("room:a", "2");
        assertEquals(1, next.offset(), "a new history, never appended to the given-up one");
    }

    private static Object joinQuietly(Thread thread) {
        try {
            thread.join();
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    @Test
    void positionsAreReadStrictly() {
        assertEquals(new Position("k2x9", 42), Position.parse("k2x9:42"));
        assertEquals("k2x9:42", new Position("k2x9", 42).toString());
        assertEquals(new Position("a", 999_999_999_999_999_999L), Position.parse("a:999999999999999999"));
        for (String bad : new String[] {
            null,
            "",
            "42",
            "k2x9",
            "k2x9:",
            ":42",
            "K2X9:42",
            "k2x9:-1",
            "k2x9:+1",
            "k2x9:1.5",
            "k2x9:9999999999999999999",
            "k2x9:42:1",
            "a".repeat(33) + ":1",
            "k 2:1"
        }) {
            assertNull(Position.parse(bad), bad);
        }
    }
}
