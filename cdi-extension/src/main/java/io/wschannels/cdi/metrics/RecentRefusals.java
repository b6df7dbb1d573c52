package io.wschannels.cdi.metrics;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The last refusals of one channel, with why each client was refused, for the admin view: a
 * bounded ring, the oldest dropped first. Refusals are rare next to messages, and a refusal storm
 * only ever holds the ring's lock for an append.
 */
public final class RecentRefusals {

    /** How many a channel keeps. */
    static final int KEPT = 50;

    private final ArrayDeque<Refused> kept = new ArrayDeque<>(KEPT);

    synchronized void add(Refused refused) {
        if (kept.size() == KEPT) {
            kept.removeFirst();
        }
        kept.addLast(refused);
    }

    /** @return the kept refusals, oldest first */
    synchronized List<Refused> read() {
        return new ArrayList<>(kept);
    }

    /**
     * One refused client.
     *
     * @param at when
     * @param reason the metrics' label of the reason ({@link ChannelMetrics.Refusal#label()})
     * @param why what the log says of it, never a credential
     * @param connection the connection's id when it was refused after the upgrade, else {@code null}
     */
    public record Refused(Instant at, String reason, String why, String connection) {}
}
