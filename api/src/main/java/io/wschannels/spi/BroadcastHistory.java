package io.wschannels.spi;

import java.util.List;

/**
 * The kept broadcasts of a transport that keeps history (see {@link BroadcastTransport#history()}),
 * read when a returning client is resumed.
 */
public interface BroadcastHistory {

    /**
     * What followed a position in a stream. May block for a round trip to the store; called from
     * the connection's {@code onConnect}.
     *
     * @param channel the channel's class name
     * @param stream {@code room:<name>} or {@code user:<id>}
     * @param epoch the position's epoch
     * @param offset the position's offset: the last one the client saw
     * @param maxAgeMillis the oldest a kept broadcast may be
     * @return the broadcasts kept after it, oldest first, each with its {@link Broadcast#positions()};
     *     perhaps none; {@code null} when that cannot be told: another epoch, older than what is
     *     kept, or an offset the stream never had
     */
    List<Broadcast> after(String channel, String stream, String epoch, long offset, long maxAgeMillis);
}
