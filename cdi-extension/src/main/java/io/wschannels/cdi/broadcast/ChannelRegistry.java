package io.wschannels.cdi.broadcast;

import io.wschannels.Audience;
import io.wschannels.Channel;
import io.wschannels.Connection;
import io.wschannels.Registry;
import io.wschannels.cdi.connection.LiveConnection;
import io.wschannels.cdi.connection.Membership;
import io.wschannels.cdi.discovery.ChannelDefinition;
import io.wschannels.spi.Broadcast;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry of one channel: its open connections, rooms and users, and the audiences made of
 * them. Memberships are recorded twice, in the room and user indexes here and in each connection's
 * own {@link Membership}; every change happens under the connection's membership lock and then the
 * index's per-key lock, always in that order, so a join racing with a close can neither leave a
 * closed connection in a room nor deadlock.
 *
 * @param <C> the channel
 */
public final class ChannelRegistry<C extends Channel> implements Registry<C> {

    private final ChannelDefinition definition;
    private final Broadcasts broadcasts;
    private final Set<LiveConnection> connections = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, Set<LiveConnection>> rooms = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<LiveConnection>> users = new ConcurrentHashMap<>();

    /**
     * @param definition the channel
     * @param broadcasts the application's broadcasts, through which every audience of this registry sends
     */
    public ChannelRegistry(ChannelDefinition definition, Broadcasts broadcasts) {
        this.definition = definition;
        this.broadcasts = broadcasts;
        broadcasts.add(this);
    }

    /** @return the channel */
    public ChannelDefinition definition() {
        return definition;
    }

    /**
     * After {@code onConnect}: the connection is one of the channel's open connections.
     *
     * @param connection a connection of this channel
     */
    public void opened(LiveConnection connection) {
        Membership membership = connection.membership();
        synchronized (membership) {
            if (!membership.forgotten()) {
                connections.add(connection);
            }
        }
    }

    /**
     * Closed, refused or ended: out of every index, for good. Idempotent.
     *
     * @param connection a connection of this channel
     */
    public void forget(LiveConnection connection) {
        Membership membership = connection.membership();
        synchronized (membership) {
            if (membership.forgotten()) {
                return;
            }
            connections.remove(connection);
            for (String room : membership.rooms()) {
                remove(rooms, room, connection);
            }
            if (membership.userId() != null) {
                remove(users, membership.userId(), connection);
            }
            membership.forget();
        }
    }

    @Override
    public int join(String room, Connection connection) {
        Objects.requireNonNull(room, "room");
        LiveConnection live = own(connection, "join");
        Membership membership = live.membership();
        synchronized (membership) {
            if (membership.forgotten()) {
                return 0;
            }
            int[] count = {0};
            // compute(), like the removal in remove(), runs under the room's lock: a room emptied
            // and dropped concurrently is re-created rather than joined after removal, and the
            // count read here is exact.
            rooms.compute(room, (k, set) -> {
                Set<LiveConnection> members = set != null ? set : ConcurrentHashMap.newKeySet();
                members.add(live);
                count[0] = members.size();
                return members;
            });
            membership.addRoom(room);
            return count[0];
        }
    }

    @Override
    public void leave(String room, Connection connection) {
        Objects.requireNonNull(room, "room");
        LiveConnection live = own(connection, "leave");
        Membership membership = live.membership();
        synchronized (membership) {
            if (membership.removeRoom(room)) {
                remove(rooms, room, live);
            }
        }
    }

    @Override
    public boolean identify(Connection connection, String userId) {
        Objects.requireNonNull(userId, "userId");
        LiveConnection live = own(connection, "identify");
        Membership membership = live.membership();
        int most = definition.limits().maxConnectionsPerUser();
        synchronized (membership) {
            if (membership.forgotten()) {
                return false;
            }
            if (membership.userId() != null) {
                if (membership.userId().equals(userId)) {
                    return true;
                }
                throw new IllegalStateException(live + " is already identified as user '" + membership.userId()
                        + "' and cannot become '" + userId + "': a connection belongs to one user for its whole life."
                        + " Close it and let the client connect again as the other user.");
            }
            boolean[] admitted = {false};
            users.compute(userId, (k, set) -> {
                Set<LiveConnection> mine = set != null ? set : ConcurrentHashMap.newKeySet();
                if (mine.size() < most) {
                    mine.add(live);
                    admitted[0] = true;
                }
                return mine.isEmpty() ? null : mine;
            });
            if (!admitted[0]) {
                throw new UserLimitException(most);
            }
            membership.userId(userId);
            return true;
        }
    }

    @Override
    public Set<Connection> connections() {
        return Set.copyOf(connections);
    }

    @Override
    public Set<Connection> members(String room) {
        Set<LiveConnection> members = rooms.get(room);
        return members == null ? Set.of() : Set.copyOf(members);
    }

    @Override
    public int count(String room) {
        Set<LiveConnection> members = rooms.get(room);
        return members == null ? 0 : members.size();
    }

    @Override
    public Set<String> rooms() {
        return Set.copyOf(rooms.keySet());
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
        return Set.copyOf(users.keySet());
    }

    @Override
    public Set<Connection> connectionsOf(String userId) {
        Set<LiveConnection> mine = users.get(userId);
        return mine == null ? Set.of() : Set.copyOf(mine);
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

    /** Delivers a broadcast to this server's connections in its audience; see {@link LocalDelivery}. */
    void deliver(Broadcast.Target target, String message, DeliveryTracker tracker) {
        Set<LiveConnection> exceptUser =
                target.exceptUser() == null ? Set.of() : users.getOrDefault(target.exceptUser(), Set.of());
        Collection<LiveConnection> recipients = switch (target.scope()) {
            case ALL -> connections;
            case ROOMS -> union(rooms, target.names());
            case USERS -> union(users, target.names());
        };
        LocalDelivery.deliver(recipients, target.exceptConnection(), exceptUser, message, tracker);
    }

    private static Collection<LiveConnection> union(Map<String, Set<LiveConnection>> index, Set<String> names) {
        if (names.size() == 1) {
            Set<LiveConnection> only = index.get(names.iterator().next());
            return only == null ? Set.of() : only;
        }
        Set<LiveConnection> all = new HashSet<>();
        for (String name : names) {
            Set<LiveConnection> some = index.get(name);
            if (some != null) {
                all.addAll(some);
            }
        }
        return all;
    }

    private static void remove(
            ConcurrentHashMap<String, Set<LiveConnection>> index, String key, LiveConnection connection) {
        index.computeIfPresent(key, (k, set) -> {
            set.remove(connection);
            return set.isEmpty() ? null : set;
        });
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
