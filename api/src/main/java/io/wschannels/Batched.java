package io.wschannels;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Delivers a channel's text messages in batches to {@link Channel#onBatch(java.util.List)} instead
 * of one by one to {@code onMessage}: a batch is delivered when it holds {@link #maxMessages()}
 * messages, or {@link #maxDelayMillis()} after its first message arrived, whichever comes first.
 *
 * <pre>{@code
 * @Route("/metrics")
 * @Batched(maxMessages = 100, maxDelayMillis = 50)
 * public class MetricsChannel extends Channel {
 *     @Override
 *     public void onBatch(List<String> samples) {
 *         store.saveAll(samples);      // one write for up to 100 samples
 *     }
 * }
 * }</pre>
 *
 * Batches run off the container's I/O threads, on the server's managed executor where there is one
 * (else on a thread of the runtime's own), one at a time per connection and in arrival order,
 * never at the same time as another callback of the connection. Nothing is lost: a batch that is
 * pending when the connection ends, or when the application stops, is delivered before
 * {@link Channel#onClose}. Size and rate limits apply to each message as it arrives.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Batched {

    /** @return the most messages in one batch, 10 by default */
    int maxMessages() default 10;

    /** @return how long the first message of a batch may wait for others, in milliseconds; 100 by default */
    int maxDelayMillis() default 100;
}
