package io.wschannels.cdi.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How a drain spreads its closes, and how its window is configured. */
class DrainWindowTest {

    private static final long TEN_MS = TimeUnit.MILLISECONDS.toNanos(10);

    @AfterEach
    void clear() {
        System.clearProperty(Shutdown.DRAIN_WINDOW);
    }

    @Test
    void manyConnectionsShareTheWholeWindow() {
        assertEquals(TimeUnit.MILLISECONDS.toNanos(1), Shutdown.closeIntervalNanos(10_000, Duration.ofSeconds(10)));
        // 1,001 connections: just over 100 a second, so the window is shared.
        assertTrue(Shutdown.closeIntervalNanos(1_001, Duration.ofSeconds(10)) < TEN_MS);
    }

    @Test
    void aFewConnectionsCloseAtLeastAHundredASecond() {
        assertEquals(TEN_MS, Shutdown.closeIntervalNanos(5, Duration.ofSeconds(10)));
        // Exactly 100 a second over the window: 1,000 connections in 10 s.
        assertEquals(TEN_MS, Shutdown.closeIntervalNanos(1_000, Duration.ofSeconds(10)));
    }

    @Test
    void aZeroWindowOrASingleConnectionClosesAtOnce() {
        assertEquals(0, Shutdown.closeIntervalNanos(10_000, Duration.ZERO));
        assertEquals(0, Shutdown.closeIntervalNanos(1, Duration.ofSeconds(10)));
        assertEquals(0, Shutdown.closeIntervalNanos(0, Duration.ofSeconds(10)));
    }

    @Test
    void theWindowIsTenSecondsUnlessConfiguredInSeconds() {
        assertEquals(Duration.ofSeconds(10), Shutdown.configuredDrainWindow());
        System.setProperty(Shutdown.DRAIN_WINDOW, "2.5");
        assertEquals(Duration.ofMillis(2500), Shutdown.configuredDrainWindow());
        System.setProperty(Shutdown.DRAIN_WINDOW, "0");
        assertEquals(Duration.ZERO, Shutdown.configuredDrainWindow());
        System.setProperty(Shutdown.DRAIN_WINDOW, "3600");
        assertEquals(Duration.ofHours(1), Shutdown.configuredDrainWindow());
    }

    @Test
    void aWindowThatIsNotSecondsFromZeroToAnHourIsAClearError() {
        for (String wrong : new String[] {"10s", "-1", "3600.5", "soon"}) {
            System.setProperty(Shutdown.DRAIN_WINDOW, wrong);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Shutdown::configuredDrainWindow);
            assertEquals(
                    "channels.drain.window=" + wrong + " is not a number of seconds from 0 to 3600;"
                            + " for example -Dchannels.drain.window=10",
                    e.getMessage());
        }
    }
}
