package io.wschannels.cdi.broadcast;

import io.wschannels.cdi.connection.LiveConnection;
import io.wschannels.cdi.connection.OutgoingText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One broadcast's way to this server's recipients: queued once on each, with one shared completion
 * for all of them, and then written. Queueing on all before writing to any lets a recipient's write
 * carry this broadcast together with the next one, where that one is queued before the writes reach
 * it: under load, fewer writes for the same messages.
 */
final class LocalDelivery {

    private static final Logger LOG = Logger.getLogger(LocalDelivery.class.getName());

    private LocalDelivery() {}

    /**
     * @param recipients the audience's connections on this server
     * @param exceptConnection the id of a connection left out, or {@code null}
     * @param exceptUser connections left out (a user's), perhaps empty
     * @param offsets a kept broadcast's offsets by stream, for connections that were replayed it
     *     already (see {@code ChannelHistory}); {@code null} for others
     */
    static void deliver(
            Iterable<LiveConnection> recipients,
            String exceptConnection,
            Set<LiveConnection> exceptUser,
            String message,
            DeliveryTracker tracker,
            Map<String, Long> offsets) {
        OutgoingText text = OutgoingText.broadcast(message);
        List<LiveConnection> toFlush = new ArrayList<>();
        try {
            for (LiveConnection connection : recipients) {
                if (connection.isOpen()
                        && !connection.id().equals(exceptConnection)
                        && !exceptUser.contains(connection)
                        && (offsets == null || !connection.membership().hasSeen(offsets))
                        && connection.queueLater(text, tracker.recipient())) {
                    toFlush.add(connection);
                }
            }
            tracker.resolved();
        } finally {
            // Whatever happened, a connection left waiting for this flush would send nothing more.
            for (LiveConnection connection : toFlush) {
                try {
                    connection.flushSoon();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Writing a broadcast to " + connection + " failed", e);
                }
            }
        }
    }
}
