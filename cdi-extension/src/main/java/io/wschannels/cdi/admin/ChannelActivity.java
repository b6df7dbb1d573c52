package io.wschannels.cdi.admin;

import io.wschannels.cdi.metrics.ChannelReading;
import io.wschannels.cdi.metrics.RecentRefusals;
import java.util.List;

/**
 * What the admin view shows of one channel on this server, read now.
 *
 * @param reading its metrics and open connections
 * @param rooms how many rooms have members
 * @param largestRooms the rooms with the most members, most first, at most {@link #ROOMS_SHOWN}
 * @param slowest the connections with the most bytes waiting to be written, most first, at most
 *     {@link #SLOWEST_SHOWN}, only those with bytes waiting
 * @param refusals its last refusals, oldest first
 */
public record ChannelActivity(
        ChannelReading reading,
        int rooms,
        List<Room> largestRooms,
        List<Queue> slowest,
        List<RecentRefusals.Refused> refusals) {

    /** How many rooms a channel lists. */
    public static final int ROOMS_SHOWN = 20;

    /** How many slow consumers a channel lists. */
    public static final int SLOWEST_SHOWN = 10;

    /**
     * A room.
     *
     * @param name its name
     * @param members its connections on this server
     */
    public record Room(String name, int members) {}

    /**
     * A connection with bytes waiting.
     *
     * @param connection its id
     * @param user its user, or {@code null}
     * @param queuedBytes the bytes waiting in its outbound queue
     */
    public record Queue(String connection, String user, long queuedBytes) {}
}
