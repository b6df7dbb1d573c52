package io.wschannels;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Per-channel limits, on the channel class beside {@link Route}. Without it, the defaults apply.
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
