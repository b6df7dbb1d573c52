package io.wschannels.cdi.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wschannels.cdi.runtime.RateLimit.Verdict;
import org.junit.jupiter.api.Test;

/** The token bucket, on a clock the test moves by hand. */
class RateLimitTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aFullBurstPassesAndTheNextMessageIsRefused() {
        RateLimit limit = new RateLimit(10, 5, 0);
        for (int i = 0; i < 5; i++) {
            assertEquals(Verdict.DELIVER, limit.take(0), "message " + i);
        }
        assertEquals(Verdict.REFUSE, limit.take(0));
    }

    @Test
    void tokensComeBackAtTheRateButNeverAboveTheBurst() {
        RateLimit limit = new RateLimit(10, 5, 0);
        for (int i = 0; i < 5; i++) {
            limit.take(0);
        }
        assertEquals(Verdict.REFUSE, limit.take(SECOND / 10 - 1), "just under one token");
        assertEquals(Verdict.DELIVER, limit.take(SECOND / 10), "one token after a tenth of a second");
        // An hour of silence refills only up to the burst.
        long later = 3600 * SECOND;
        for (int i = 0; i < 5; i++) {
            assertEquals(Verdict.DELIVER, limit.take(later), "message " + i);
        }
        assertEquals(Verdict.REFUSE, limit.take(later));
    }

    @Test
    void refusingABurstInARowClosesAndADeliveryResetsTheCount() {
        RateLimit limit = new RateLimit(1, 3, 0);
        for (int i = 0; i < 3; i++) {
            limit.take(0);
        }
        assertEquals(Verdict.REFUSE, limit.take(0));
        assertEquals(Verdict.REFUSE, limit.take(0));
        assertEquals(Verdict.DELIVER, limit.take(SECOND)); // one token back: the streak ends
        assertEquals(Verdict.REFUSE, limit.take(SECOND));
        assertEquals(Verdict.REFUSE, limit.take(SECOND));
        assertEquals(Verdict.CLOSE, limit.take(SECOND), "the third refusal in a row");
    }
}
