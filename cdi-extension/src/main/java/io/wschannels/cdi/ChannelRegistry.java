package io.wschannels.cdi;

import io.wschannels.Audience;
import io.wschannels.Channel;
import io.wschannels.Connection;
import io.wschannels.Registry;
import io.wschannels.spi.Broadcast;
import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry of one channel. Memberships are recorded twice, in the room and user indexes here
 * and in each connection's own {@link LiveConnection.Membership}; every change happens under the
 * connection's membership lock and then the index's per-key lock, always in that order, so a join
 * racing with a close can neither leave a closed connection in a room nor deadlock.
 */
final class ChannelRegistry<C extends Channel> implements Registry<C> {

    private final ChannelDefinition definition;
    private final Broadcasts broadcasts;
    private final Set<LiveConnection> connections = ConcurrentHashMap.newKeySet();
    /** Connections admitted and not yet ended, rejected ones included: what maxConnections bounds. */
    private final java.util.concurrent.atomic.AtomicInteger admitted = new java.util.concurrent.atomic.AtomicInteger();
    private final ConcurrentHashMap<String, Set<LiveConnection>> rooms = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<LiveConnection>> users = new ConcurrentHashMap<>();

    private final Presences presence;

    ChannelRegistry(ChannelDefinition definition, Broadcasts broadcasts, Presences.Shared shared) {
        this.definition = definition;
        this.broadcasts = broadcasts;
        this.presence = new Presences(this, shared);
    }

    @Override
    public void track(String room, Connection connection, java.util.Map<String, String> meta) {
        presence.track(room, own(connection, "track"), meta, true);
    }

    @Override
    public void trackQuietly(String room, Connection connection, java.util.Map<String, String> meta) {
        presence.track(room, own(connection, "trackQuietly"), meta, false);
    }

    @Override
    public void untrack(String room, Connection connection) {
        presence.untrack(room, own(connection, "untrack"));
    }

    @Override
    public java.util.Map<String, java.util.List<java.util.Map<String, String>>> presence(String room) {
        return presence.list(room);
    }

    /** A departure found by the store: the room is told. */
    void departed(String room, io.wschannels.spi.PresenceStore.Entry entry) {
        presence.announceLeave(room, entry);
    }

    ChannelDefinition definition() {
        return definition;
    }

    /** Counts a new connection in, unless the channel is full. */
    boolean admit() {
        while (true) {
            int now = admitted.get();
            if (now >= definition.maxConnections()) {
                return false;
            }
            if (admitted.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    private volatile long lastRefusalWarning;

    /** At most one warning a minute about refused connections: a flood of them must not flood the log. */
    boolean warnAboutRefusal() {
        long now = System.nanoTime();
        long last = lastRefusalWarning;
        if (last != 0 && now - last < java.util.concurrent.TimeUnit.MINUTES.toNanos(1)) {
            return false;
        }
        lastRefusalWarning = now;
        return true;
    }

    /** An admitted connection has ended. */
    void release() {
        admitted.decrementAndGet();
    }

    /** After onConnect: the connection is one of the channel's live connections. */
    void opened(LiveConnection connection) {
        LiveConnection.Membership membership = connection.membership();
        synchronized (membership) {
            if (!membership.forgotten) {
                connections.add(connection);
            }
        }
    }

    /** Closed, rejected or ended: out of every index, for good. Idempotent. */
    void forget(LiveConnection connection) {
        LiveConnection.Membership membership = connection.membership();
        synchronized (membership) {
            if (membership.forgotten) {
                return;
            }
            membership.forgotten = true;
            connections.remove(connection);
            for (String room : membership.rooms()) {
                remove(rooms, room, connection);
            }
            membership.clearRooms();
            if (membership.userId != null) {
                remove(users, membership.userId, connection);
            }
        }
        presence.forget(connection);
    }

    @Override
    public int join(String room, Connection connection) {
        Objects.requireNonNull(room, "room");
        LiveConnection live = own(connection, "join");
        LiveConnection.Membership membership = live.membership();
        synchronized (membership) {
            if (membership.forgotten) {
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
        LiveConnection.Membership membership = live.membership();
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
        LiveConnection.Membership membership = live.membership();
        synchronized (membership) {
            if (membership.forgotten) {
                return false;
            }
            if (membership.userId != null) {
                if (membership.userId.equals(userId)) {
                    return true;
                }
                throw new IllegalStateException(live + " is already identified as user '" + membership.userId
                        + "' and cannot become '" + userId + "': a connection belongs to one user for its whole life."
                        + " Close it and let the client connect again as the other user.");
            }
            boolean[] admitted = {false};
            users.compute(userId, (k, set) -> {
                Set<LiveConnection> mine = set != null ? set : ConcurrentHashMap.newKeySet();
                if (mine.size() < definition.maxConnectionsPerUser()) {
                    mine.add(live);
                    admitted[0] = true;
                }
                return mine.isEmpty() ? null : mine;
            });
            if (!admitted[0]) {
                // Closed outside this lock's section below: close() takes the membership lock again.
                membership.userId = null;
            } else {
                membership.userId = userId;
                return true;
            }
        }
        live.close(jakarta.websocket.CloseReason.CloseCodes.TRY_AGAIN_LATER, "Too many connections for this user:"
                + " at most " + definition.maxConnectionsPerUser());
        return false;
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
        LiveConnection.Membership membership = own(connection, "roomsOf").membership();
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
        LiveConnection.Membership membership = own(connection, "userOf").membership();
        synchronized (membership) {
            return membership.userId;
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
        return new TargetedAudience(broadcasts, definition.type().getName(),
                new Broadcast.Target(scope, names, null, null));
    }

    /**
     * Delivers a broadcast to this server's connections: queued once on each recipient, with one
     * shared completion for all of them.
     */
    void deliver(Broadcast.Target target, String text, DeliveryTracker tracker) {
        int bytes = Utf8.length(text);
        String exceptConnection = target.exceptConnection();
        Set<LiveConnection> exceptUser = target.exceptUser() == null ? Set.of() : users.getOrDefault(target.exceptUser(), Set.of());
        switch (target.scope()) {
            case ALL -> sendToEach(connections, exceptConnection, exceptUser, text, bytes, tracker);
            case ROOMS -> sendToEach(union(rooms, target.names()), exceptConnection, exceptUser, text, bytes, tracker);
            case USERS -> sendToEach(union(users, target.names()), exceptConnection, exceptUser, text, bytes, tracker);
            default -> throw new AssertionError(target.scope());
        }
        tracker.resolved();
    }

    private static Collection<LiveConnection> union(ConcurrentHashMap<String, Set<LiveConnection>> index,
            Set<String> names) {
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

    private static void sendToEach(Collection<LiveConnection> recipients, String exceptConnection,
            Set<LiveConnection> exceptUser, String text, int bytes, DeliveryTracker tracker) {
        for (LiveConnection connection : recipients) {
            if (connection.isOpen() && !connection.id().equals(exceptConnection) && !exceptUser.contains(connection)) {
                connection.queue(text, bytes, tracker.recipient());
            }
        }
    }

    private static void remove(ConcurrentHashMap<String, Set<LiveConnection>> index, String key,
            LiveConnection connection) {
        index.computeIfPresent(key, (k, set) -> {
            set.remove(connection);
            return set.isEmpty() ? null : set;
        });
    }

    private LiveConnection own(Connection connection, String operation) {
        Objects.requireNonNull(connection, "connection");
        if (connection instanceof LiveConnection live && live.definition().type() == definition.type()) {
            return live;
        }
        throw new IllegalArgumentException(operation + "(" + connection + ") on Registry<"
                + definition.type().getSimpleName() + ">: the connection does not belong to "
                + definition.type().getSimpleName() + ". Use the registry of the connection's own channel.");
    }
}
