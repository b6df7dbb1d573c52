package io.wschannels.cdi.metrics;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one channel on this server, in the one place the runtime counts: each event is
 * counted where it is decided (an admission, a close, a write queued, a delivery finished), once.
 * Adders, not locks: counting costs a few nanoseconds on the paths it sits on. What is a state
 * rather than a count (connections open now, bytes queued now) is read from the connections when
 * the metrics are read, and costs nothing in between. When the server has a metrics facility of its
 * own (Micrometer on WildFly, MicroProfile Metrics on Payara), each event is also handed to the
 * meters registered there ({@link #mirrorTo}).
 */
public final class ChannelMetrics implements Meters {

    /** Why a client was not let in. Its {@link #label()} is what exporters show. */
    public enum Refusal {
        /** No valid credentials, or not allowed to use the channel: HTTP 401/403 or 4401/4403. */
        AUTHENTICATION("authentication"),
        /** A page from an origin the channel does not allow: HTTP 403 or 4403. */
        ORIGIN("origin"),
        /** The channel serves {@code @Limits(maxConnections)} already: 1013. */
        CAPACITY("capacity"),
        /** The user has {@code @Limits(maxConnectionsPerUser)} connections already. */
        USER_LIMIT("user_limit"),
        /** {@code onConnect} refused the client with a {@code ChannelException}. */
        REJECTED("rejected"),
        /** Making the channel or {@code onConnect} failed: 1011. */
        ERROR("error"),
        /** The application is stopping: 1001. */
        SHUTDOWN("shutdown");

        private final String label;

        Refusal(String label) {
            this.label = label;
        }

        /** @return the name exporters give the reason */
        public String label() {
            return label;
        }
    }

    private final LongAdder opened = new LongAdder();
    private final LongAdder[] refused = adders(Refusal.values().length);
    private final ConcurrentMap<Integer, LongAdder> closes = new ConcurrentHashMap<>();
    private final LongAdder messagesReceived = new LongAdder();
    private final LongAdder bytesReceived = new LongAdder();
    private final LongAdder messagesSent = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final LongAdder broadcasts = new LongAdder();
    private final LongAdder recipients = new LongAdder();
    private final LongAdder slowConsumerCloses = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder heartbeatTimeouts = new LongAdder();
    private final LongAdder callbackErrors = new LongAdder();
    private final Durations callbacks = new Durations();
    private final Durations deliveries = new Durations();
    private final RecentRefusals recentRefusals = new RecentRefusals();
    /** The server's own meters of this channel, told of every event; none by default. */
    private volatile Meters mirror = Meters.NONE;

    /**
     * Tells every later event to {@code meters} as well: the channel's meters in the server's
     * metrics facility. Counts from before are not repeated there.
     *
     * @param meters the meters, or {@link Meters#NONE} to stop
     */
    public void mirrorTo(Meters meters) {
        this.mirror = meters;
    }

    @Override
    public void opened() {
        opened.increment();
        mirror.opened();
    }

    @Override
    public void refused(Refusal why) {
        refused[why.ordinal()].increment();
        mirror.refused(why);
    }

    /**
     * A client was refused: counted, and kept among the channel's recent refusals.
     *
     * @param why the reason counted
     * @param detail what the log says of it, without credentials
     * @param connection the connection's id when refused after the upgrade, else {@code null}
     */
    public void refused(Refusal why, String detail, String connection) {
        refused(why);
        recentRefusals.add(new RecentRefusals.Refused(Instant.now(), why.label(), detail, connection));
    }

    /** @return the channel's last refusals (at most {@value RecentRefusals#KEPT}), oldest first */
    public List<RecentRefusals.Refused> recentRefusals() {
        return recentRefusals.read();
    }

    @Override
    public void closed(int code) {
        closes.computeIfAbsent(code, c -> new LongAdder()).increment();
        mirror.closed(code);
    }

    @Override
    public void received(int bytes) {
        messagesReceived.increment();
        bytesReceived.add(bytes);
        mirror.received(bytes);
    }

    @Override
    public void sent(int bytes) {
        messagesSent.increment();
        bytesSent.add(bytes);
        mirror.sent(bytes);
    }

    @Override
    public void delivered(int count, long nanos) {
        broadcasts.increment();
        recipients.add(count);
        deliveries.record(nanos);
        mirror.delivered(count, nanos);
    }

    @Override
    public void slowConsumerClosed() {
        slowConsumerCloses.increment();
        mirror.slowConsumerClosed();
    }

    @Override
    public void rateLimited() {
        rateLimited.increment();
        mirror.rateLimited();
    }

    @Override
    public void heartbeatTimedOut() {
        heartbeatTimeouts.increment();
        mirror.heartbeatTimedOut();
    }

    @Override
    public void callbackFailed() {
        callbackErrors.increment();
        mirror.callbackFailed();
    }

    @Override
    public void callback(long nanos) {
        callbacks.record(nanos);
        mirror.callback(nanos);
    }

    /**
     * What was counted, read now. Each counter is read on its own, so counters that move together
     * may be a few events apart while connections are busy.
     */
    public Snapshot snapshot() {
        Map<Refusal, Long> refusals = new EnumMap<>(Refusal.class);
        for (Refusal why : Refusal.values()) {
            refusals.put(why, refused[why.ordinal()].sum());
        }
        Map<Integer, Long> byCode = new TreeMap<>();
        closes.forEach((code, count) -> byCode.put(code, count.sum()));
        return new Snapshot(
                opened.sum(),
                refusals,
                byCode,
                messagesReceived.sum(),
                bytesReceived.sum(),
                messagesSent.sum(),
                bytesSent.sum(),
                broadcasts.sum(),
                recipients.sum(),
                slowConsumerCloses.sum(),
                rateLimited.sum(),
                heartbeatTimeouts.sum(),
                callbackErrors.sum(),
                callbacks.snapshot(),
                deliveries.snapshot());
    }

    /**
     * The counters of one channel at one moment.
     *
     * @param opened clients let in ({@code onConnect} returned)
     * @param refused clients refused, by reason, every reason present
     * @param closes connections that had been opened and ended, by close code
     * @param messagesReceived messages from clients
     * @param bytesReceived their bytes (UTF-8 for text)
     * @param messagesSent messages queued for clients, broadcasts once per recipient
     * @param bytesSent their payload bytes
     * @param broadcasts broadcasts delivered by this server
     * @param recipients the connections they were queued to
     * @param slowConsumerCloses connections closed because their outbound queue overflowed
     * @param rateLimited messages refused for the channel's rate
     * @param heartbeatTimeouts peers ended for answering no ping
     * @param callbackErrors channel callbacks that threw something other than a {@code ChannelException}
     * @param callbackDurations how long callbacks took
     * @param deliveryDurations how long broadcasts took from the start of their delivery here to the last write
     */
    public record Snapshot(
            long opened,
            Map<Refusal, Long> refused,
            Map<Integer, Long> closes,
            long messagesReceived,
            long bytesReceived,
            long messagesSent,
            long bytesSent,
            long broadcasts,
            long recipients,
            long slowConsumerCloses,
            long rateLimited,
            long heartbeatTimeouts,
            long callbackErrors,
            Durations.Snapshot callbackDurations,
            Durations.Snapshot deliveryDurations) {}

    private static LongAdder[] adders(int count) {
        LongAdder[] adders = new LongAdder[count];
        for (int i = 0; i < count; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }
}
