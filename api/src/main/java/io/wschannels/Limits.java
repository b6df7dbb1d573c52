package io.wschannels;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Per-channel limits, on the channel class beside {@link Route}. Without it, the defaults apply:
 * messages from clients up to 64 KiB, outbound queues up to 1 MiB per connection, slow peers closed.
 *
 * <pre>{@code
 * @Route("/ticker")
 * @Limits(outboundQueueBytes = 256 * 1024, overflow = Limits.Overflow.FAIL_SEND)
 * public class TickerChannel extends Channel { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Limits {

    /** 1 MiB: the default {@link #outboundQueueBytes()}. */
    int DEFAULT_OUTBOUND_QUEUE_BYTES = 1 << 20;

    /** 10,000: the default {@link #maxConnections()}. */
    int DEFAULT_MAX_CONNECTIONS = 10_000;

    /**
     * The most connections this channel serves at once. Further clients are closed with 1013 (try
     * again later) and a reason before a channel instance is created, and a warning is logged that
     * says how to raise the limit. Other channels and open connections are unaffected.
     *
     * @return a positive number, 10,000 by default
     */
    int maxConnections() default DEFAULT_MAX_CONNECTIONS;

    /**
     * The most connections one user (see {@link Registry#identify}) may have open on this channel
     * at once. Identifying one more connection as that user throws a {@link ChannelException}
     * (code {@code too_many_connections}); left uncaught in {@link Channel#onConnect()} it refuses
     * the client with 1013 (try again later) and a reason. On an {@link Authenticated} channel the
     * runtime identifies the user before {@code onConnect}, so the client is refused that way.
     *
     * @return a positive number, 100 by default
     */
    int maxConnectionsPerUser() default 100;

    /**
     * The sustained rate of messages (text or binary) one client may send, per second; {@code 0}
     * for no limit. Enforced with a token bucket of {@link #messageBurst()} tokens. A message over
     * the rate is not delivered: the client gets the error envelope {@code "Rate limit exceeded"}
     * (code {@code rate_limited}); a client that goes on until it has been refused
     * {@code messageBurst} times in a row is closed with 1008 and the reason
     * {@code "Rate limit exceeded"}.
     *
     * @return messages per second, 100 by default
     */
    int messagesPerSecond() default 100;

    /**
     * How many messages a client may send at once, faster than {@link #messagesPerSecond()}.
     *
     * @return a positive number of messages, 200 by default
     */
    int messageBurst() default 200;

    /**
     * How often the server pings each connection, in milliseconds; {@code 0} for never. Browsers
     * and most clients answer pings by themselves; the answers reach {@link Channel#onPong}. The
     * pings are spread over the interval, a slice of the connections each second, rather than sent
     * to all at once.
     *
     * @return milliseconds between pings, 30,000 by default
     */
    int heartbeatMillis() default 30_000;

    /**
     * How long a connection may stay without any sign of life (a pong or a message) before it is
     * treated as dead: it is closed with 1001 (going away) and the reason {@code "No answer to
     * heartbeats"}, {@link Channel#onClose} runs at once and it leaves every room and user, even if
     * the peer never completes the close handshake.
     *
     * @return milliseconds, 60,000 by default; only used when {@link #heartbeatMillis()} is not 0
     */
    int pongTimeoutMillis() default 60_000;

    /**
     * How long a connection may go without sending a message (text or binary; pongs do not count)
     * before it is closed with 1000 (normal closure) and the reason {@code "Idle timeout"};
     * {@code 0} for never. Checked every quarter of the timeout, so a connection is closed between
     * one and one and a quarter timeouts after its last message. Off by default: heartbeats already
     * end dead connections, and a live client closed for silence usually just reconnects; set it
     * when a silent client should give its place up (a seat in a game, a licence).
     *
     * @return milliseconds, 0 (never) by default
     */
    int idleTimeoutMillis() default 0;

    /** 64 KiB: the default {@link #maxMessageBytes()}. */
    int DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024;

    /**
     * The largest message a client may send, text (in UTF-8 bytes) or binary. A larger one closes
     * the connection with 1009 (message too big) before it is delivered; the server and every other
     * connection are unaffected. Without a limit, one client could make the server buffer a message
     * of any size.
     *
     * @return a positive number of bytes, 64 KiB by default
     */
    int maxMessageBytes() default DEFAULT_MAX_MESSAGE_BYTES;

    /**
     * The most bytes (UTF-8 for text) that may wait in one connection's outbound queue, not
     * counting the message being written. A peer that reads too slowly fills it.
     *
     * @return a positive number of bytes, 1 MiB by default
     */
    int outboundQueueBytes() default DEFAULT_OUTBOUND_QUEUE_BYTES;

    /**
     * What happens to a message that would overflow the outbound queue.
     *
     * @return {@link Overflow#CLOSE} by default
     */
    Overflow overflow() default Overflow.CLOSE;

    /** Policies for a full outbound queue. Either way, other connections are unaffected. */
    enum Overflow {
        /**
         * Drop everything queued for the connection (those sends fail) and close it with 1008
         * (policy violation) and the reason {@code "Too slow: outbound queue full"}. The client may
         * reconnect and catch up. The default: a peer that cannot keep up costs no more memory.
         */
        CLOSE,
        /**
         * Keep the connection and what is queued; the message that did not fit is not queued and
         * its send fails with {@link java.util.concurrent.RejectedExecutionException}.
         */
        FAIL_SEND
    }
}
