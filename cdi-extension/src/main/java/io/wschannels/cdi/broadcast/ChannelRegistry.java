package io.wschannels.cdi.broadcast;

import io.wschannels.Audience;
import io.wschannels.Channel;
import io.wschannels.Connection;
import io.wschannels.Registry;
import io.wschannels.cdi.admin.ChannelActivity;
import io.wschannels.cdi.connection.LiveConnection;
import io.wschannels.cdi.connection.Membership;
import io.wschannels.cdi.discovery.ChannelDefinition;
import io.wschannels.cdi.history.Position;
import io.wschannels.cdi.history.Resume;
import io.wschannels.cdi.metrics.ChannelMetrics;
import io.wschannels.spi.Broadcast;
import io.wschannels.spi.BroadcastHistory;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The registry of one channel: its open connections, rooms and users ({@link Indexes}), the
 * audiences made of them, and with {@code @History} the streams that keep its broadcasts
 * ({@link ChannelHistory}).
 *
 * @param <C> the channel
 */
public final class ChannelRegistry<C extends Channel> implements Registry<C> {

    private final ChannelDefinition definition;
    private final Broadcasts broadcasts;
    private final Indexes indexes = new Indexes();
    private final ChannelMetrics metrics = new ChannelMetrics();
    /** {@code null} unless the channel has {@code @History}. */
    private final ChannelHistory history;

    /**
     * @param definition the channel
     * @param broadcasts the application's broadcasts, through which every audience of this registry sends
     */
    public ChannelRegistry(ChannelDefinition definition, Broadcasts broadcasts) {
        this.definition = definition;
        this.broadcasts = broadcasts;
        this.history = definition.retention() == null
                ? null
                : new ChannelHistory(definition.type().getName(), definition.retention());
        broadcasts.add(this);
    }

    /** @return the channel */
    public ChannelDefinition definition() {
        return definition;
    }

    /** @return what the runtime counts about this channel on this server */
    public ChannelMetrics metrics() {
        return metrics;
    }

    /**
     * After {@code onConnect}: the connection is one of the channel's open connections.
     *
     * @param connection a connection of this channel
     */
    public void opened(LiveConnection connection) {
        indexes.opened(connection);
    }

    /**
     * Closed, refused or ended: out of every index, for good. Idempotent.
     *
     * @param connection a connection of this channel
     */
    public void forget(LiveConnection connection) {
        indexes.forget(connection);
    }

    @Override
    public int join(String room, Connection connection) {
        Objects.requireNonNull(room, "room");
        LiveConnection live = own(connection, "join");
        Resume resume = history == null ? null : live.membership().resume();
        String stream = ChannelHistory.room(room);
        Position from = resume == null ? null : resume.take(stream);
        // A returning client: the room's deliveries wait while it joins and gets what it missed.
        ChannelHistory.Hold hold = from == null ? null : history.hold(stream);
        try {
            int count = indexes.joinRoom(room, live);
            if (from != null && count > 0) {
                history.replay(live, resume, stream, from, hold);
            }
            return count;
        } finally {
            if (hold != null) {
                hold.release();
            }
        }
    }

    @Override
    public void leave(String room, Connection connection) {
        Objects.requireNonNull(room, "room");
        indexes.leaveRoom(room, own(connection, "leave"));
    }

    @Override
    public boolean identify(Connection connection, String userId) {
        Objects.requireNonNull(userId, "userId");
        LiveConnection live = own(connection, "identify");
        Resume resume = history == null ? null : live.membership().resume();
        String stream = ChannelHistory.user(userId);
        Position from = resume == null ? null : resume.take(stream);
        ChannelHistory.Hold hold = from == null ? null : history.hold(stream);
        try {
            boolean identified =
                    indexes.identifyUser(live, userId, definition.limits().maxConnectionsPerUser());
            if (from != null && identified) {
                history.replay(live, resume, stream, from, hold);
            }
            return identified;
        } finally {
            if (hold != null) {
                hold.release();
            }
        }
    }

    @Override
    public Set<Connection> connections() {
        return Set.copyOf(indexes.connections());
    }

    @Override
    public Set<Connection> members(String room) {
        return Set.copyOf(indexes.room(room));
    }

    @Override
    public int count(String room) {
        return indexes.room(room).size();
    }

    @Override
    public Set<String> rooms() {
        return indexes.roomNames();
    }

    /**
     * For the admin view, not for applications.
     *
     * @param most how many to list
     * @return the rooms with the most members, most first
     */
    public List<ChannelActivity.Room> largestRooms(int most) {
        return indexes.largestRooms(most);
    }

    /** @return how many rooms have members; for the admin view */
    public int roomCount() {
        return indexes.roomCount();
    }

    @Override
    public Set<String> roomsOf(Connection connection) {
        Membership membership = own(connection, "roomsOf").membership();
        synchronized (membership) {
            return Set.copyOf(membership.rooms());
        }
    }

    @Override
    public Set<String> users() {
        return indexes.userNames();
    }

    @Override
    public Set<Connection> connectionsOf(String userId) {
        return Set.copyOf(indexes.user(userId));
    }

    @Override
    public String userOf(Connection connection) {
        Membership membership = own(connection, "userOf").membership();
        synchronized (membership) {
            return membership.userId();
        }
    }

    @Override
    public Audience room(String room) {
        return audience(Broadcast.Scope.ROOMS, Set.of(Objects.requireNonNull(room, "room")));
    }

    @Override
    public Audience rooms(Collection<String> names) {
        return audience(Broadcast.Scope.ROOMS, Set.copyOf(names));
    }

    @Override
    public Audience user(String userId) {
        return audience(Broadcast.Scope.USERS, Set.of(Objects.requireNonNull(userId, "userId")));
    }

    @Override
    public Audience users(Collection<String> userIds) {
        return audience(Broadcast.Scope.USERS, Set.copyOf(userIds));
    }

    @Override
    public Audience all() {
        return audience(Broadcast.Scope.ALL, Set.of());
    }

    private Audience audience(Broadcast.Scope scope, Set<String> names) {
        return new TargetedAudience(
                broadcasts, definition.type().getName(), new Broadcast.Target(scope, names, null, null), false);
    }

    /**
     * Delivers a broadcast to this server's connections in its audience; see {@link LocalDelivery}.
     * With {@code @History}, a broadcast to rooms or users is kept first, and sent with its positions.
     */
    void deliver(Broadcast broadcast, DeliveryTracker tracker) {
        tracker.measure(metrics);
        Broadcast.Target target = broadcast.target();
        if (history == null || target.scope() == Broadcast.Scope.ALL) {
            deliver(target, broadcast.text(), tracker, null);
            return;
        }
        history.deliver(broadcast, (message, offsets) -> deliver(target, message, tracker, offsets));
    }

    private void deliver(Broadcast.Target target, String message, DeliveryTracker tracker, Map<String, Long> offsets) {
        Set<LiveConnection> exceptUser = target.exceptUser() == null ? Set.of() : indexes.user(target.exceptUser());
        LocalDelivery.deliver(
                indexes.recipients(target), target.exceptConnection(), exceptUser, message, tracker, offsets);
    }

    /** @return how much a broadcast to this audience is kept, or {@code null} when it is not */
    Broadcast.Retention keeps(Broadcast.Target target) {
        return history == null || target.scope() == Broadcast.Scope.ALL ? null : history.retention();
    }

    /** The application's transport keeps history: this channel's streams are read from it. */
    void share(BroadcastHistory shared) {
        if (history != null) {
            history.share(shared);
        }
    }

    /** Forgets kept messages that are too old; nothing without {@code @History}. */
    public void expireHistory() {
        if (history != null) {
            history.expire();
        }
    }

    /** @return how often {@link #expireHistory()} should run, in milliseconds; 0 without {@code @History} */
    public long historyExpiryMillis() {
        return history == null ? 0 : history.expiryPeriodMillis();
    }

    /**
     * @return the connection as this registry's own
     * @throws IllegalArgumentException if it belongs to another channel
     */
    private LiveConnection own(Connection connection, String operation) {
        return own(connection, "Registry", operation);
    }

    /**
     * @param kind {@code Registry} or {@code Presence}, for the message
     * @return the connection as one of this channel's
     * @throws IllegalArgumentException if it belongs to another channel
     */
    LiveConnection own(Connection connection, String kind, String operation) {
        Objects.requireNonNull(connection, "connection");
        if (connection instanceof LiveConnection live && live.definition().type() == definition.type()) {
            return live;
        }
        String channel = definition.type().getSimpleName();
        throw new IllegalArgumentException(operation + "(" + connection + ") on " + kind + "<" + channel + ">: the"
                + " connection does not belong to " + channel + ". Use the " + kind.toLowerCase(Locale.ROOT)
                + " of the connection's own channel.");
    }
}
