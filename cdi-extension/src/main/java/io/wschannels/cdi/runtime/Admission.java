package io.wschannels.cdi.runtime;

import io.wschannels.Limits;
import io.wschannels.cdi.connection.LiveConnection;
import io.wschannels.cdi.connection.Utf8;
import jakarta.websocket.CloseReason;
import java.nio.ByteBuffer;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * What every message of one connection passes before it reaches the channel. The peer is alive
 * (for heartbeats and the idle timeout); a message over the size limit ends the connection with
 * 1009; one over the rate is refused with the error envelope, and a client that goes on for a
 * whole burst of refusals is closed with 1008; the browser client's heartbeat is answered in kind
 * without involving the channel. Called from the connection's callbacks only, which never overlap.
 */
final class Admission {

    /**
     * The browser client's heartbeat (channels.js): answered with itself, never delivered to the
     * channel, so that a page can tell a live connection from a dead one.
     */
    static final String HEARTBEAT_MESSAGE = "{\"type\":\"channels:heartbeat\"}";

    static final String RATE_LIMITED = "Rate limit exceeded";

    private static final Logger LOG = Logger.getLogger(Admission.class.getName());

    private final LiveConnection connection;
    private final LongSupplier clock;
    /** Created on the first message: idle connections carry no bucket. */
    private RateLimit rateLimit;
    /** When the peer last showed it is alive (a pong or a message), on {@link #clock}. */
    private volatile long lastSeen;
    /** When the peer last sent a message (pongs do not count), for the idle timeout. */
    private volatile long lastMessage;

    Admission(LiveConnection connection, LongSupplier clock) {
        this.connection = connection;
        this.clock = clock;
        this.lastSeen = clock.getAsLong();
        this.lastMessage = lastSeen;
    }

    /** @return {@code true} when the text message is for the channel */
    boolean text(String message) {
        arrived();
        if (oversized(message)) {
            tooBig();
            return false;
        }
        if (!connection.acceptsMessages() || !withinRate()) {
            return false;
        }
        if (HEARTBEAT_MESSAGE.equals(message)) {
            connection.send(HEARTBEAT_MESSAGE);
            return false;
        }
        return true;
    }

    /** @return {@code true} when the binary message is for the channel */
    boolean binary(ByteBuffer data) {
        arrived();
        if (data.remaining() > limits().maxMessageBytes()) {
            tooBig();
            return false;
        }
        return connection.acceptsMessages() && withinRate();
    }

    /** @return {@code true} when the pong is for the channel */
    boolean pong() {
        lastSeen = clock.getAsLong();
        return connection.acceptsMessages();
    }

    private Limits limits() {
        return connection.definition().limits();
    }

    long lastSeen() {
        return lastSeen;
    }

    long lastMessage() {
        return lastMessage;
    }

    private void arrived() {
        long now = clock.getAsLong();
        lastSeen = now;
        lastMessage = now;
    }

    /** A char is 1 to 3 UTF-8 bytes: the bytes are counted only when the length cannot decide. */
    private boolean oversized(String message) {
        int most = limits().maxMessageBytes();
        return message.length() > most || (message.length() * 3L > most && Utf8.length(message) > most);
    }

    void tooBig() {
        LOG.fine(() -> "Closing " + connection + ": a message exceeded " + limits().maxMessageBytes() + " bytes");
        connection.close(
                CloseReason.CloseCodes.TOO_BIG,
                "Message too big: the limit is " + limits().maxMessageBytes() + " bytes");
    }

    private boolean withinRate() {
        if (limits().messagesPerSecond() == 0) {
            return true;
        }
        long now = clock.getAsLong();
        if (rateLimit == null) {
            rateLimit = new RateLimit(limits().messagesPerSecond(), limits().messageBurst(), now);
        }
        switch (rateLimit.take(now)) {
            case DELIVER -> {
                return true;
            }
            case REFUSE -> {
                connection.metrics().rateLimited();
                connection.sendError(RATE_LIMITED, "rate_limited");
            }
            case CLOSE -> {
                connection.metrics().rateLimited();
                LOG.fine(() -> "Closing " + connection + ": it kept sending over " + limits().messagesPerSecond()
                        + " messages per second");
                connection.sendError(RATE_LIMITED, "rate_limited");
                connection.close(CloseReason.CloseCodes.VIOLATED_POLICY, RATE_LIMITED);
            }
        }
        return false;
    }
}
