package io.wschannels.cdi.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A channel keeps its last 50 refusals, oldest first, the oldest dropped beyond them. */
class RecentRefusalsTest {

    @Test
    void fiftyAreKeptAndTheFiftyFirstDropsTheOldest() {
        ChannelMetrics metrics = new ChannelMetrics();
        for (int i = 1; i <= RecentRefusals.KEPT; i++) {
            metrics.refused(ChannelMetrics.Refusal.ORIGIN, "refusal " + i, null);
        }
        List<RecentRefusals.Refused> fifty = metrics.recentRefusals();
        assertEquals(50, fifty.size());
        assertEquals("refusal 1", fifty.get(0).why());
        assertEquals("refusal 50", fifty.get(49).why());

        metrics.refused(ChannelMetrics.Refusal.CAPACITY, "refusal 51", "abc");
        List<RecentRefusals.Refused> kept = metrics.recentRefusals();
        assertEquals(50, kept.size());
        assertEquals("refusal 2", kept.get(0).why());
        RecentRefusals.Refused last = kept.get(49);
        assertEquals("capacity", last.reason());
        assertEquals("abc", last.connection());
        assertNull(kept.get(0).connection());
        assertEquals(
                51,
                metrics.snapshot().refused().values().stream()
                        .mapToLong(Long::longValue)
                        .sum());
    }
}
