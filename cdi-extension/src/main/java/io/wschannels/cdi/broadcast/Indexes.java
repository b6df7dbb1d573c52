package io.wschannels.cdi.broadcast;

import io.wschannels.cdi.admin.ChannelActivity;
import io.wschannels.cdi.connection.LiveConnection;
import io.wschannels.cdi.connection.Membership;
import io.wschannels.spi.Broadcast;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is in a channel: its open connections, and its rooms and users. Memberships are recorded
 * twice, in the room and user indexes here and in each connection's own {@link Membership}; every
 * change happens under the connection's membership lock and then the index's per-key lock, always
 * in that order, so a join racing with a close can neither leave a closed connection in a room nor
 * deadlock.
 */
final class Indexes {

    /** Most members first, then by name. */
    private static final Comparator<ChannelActivity.Room> BY_SIZE =
            Comparator.comparingInt(ChannelActivity.Room::members).reversed().thenComparing(ChannelActivity.Room::name);

    private final Set<LiveConnection> connections = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, Set<LiveConnection>> rooms = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<LiveConnection>> users = new ConcurrentHashMap<>();

    void opened(LiveConnection connection) {
        Membership membership = connection.membership();
        synchronized (membership) {
            if (!membership.forgotten()) {
                connections.add(connection);
            }
        }
    }

    void forget(LiveConnection connection) {
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

    /** @return the room's size with the connection, 0 if the connection has left for good */
    int joinRoom(String room, LiveConnection live) {
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

    void leaveRoom(String room, LiveConnection live) {
        Membership membership = live.membership();
        synchronized (membership) {
            if (membership.removeRoom(room)) {
                remove(rooms, room, live);
            }
        }
    }

    /**
     * @return {@code false} if the connection has left for good
     * @throws UserLimitException if the user has {@code most} connections already
     */
    boolean identifyUser(LiveConnection live, String userId, int most) {
        Membership membership = live.membership();
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

    /** @return the open connections, a live view */
    Set<LiveConnection> connections() {
        return connections;
    }

    /** @return the room's members, a live view, perhaps empty */
    Set<LiveConnection> room(String room) {
        return rooms.getOrDefault(room, Set.of());
    }

    /** @return the user's connections, a live view, perhaps empty */
    Set<LiveConnection> user(String userId) {
        return users.getOrDefault(userId, Set.of());
    }

    /**
     * @param most how many to list
     * @return the rooms with the most members, most first (then by name)
     */
    List<ChannelActivity.Room> largestRooms(int most) {
        PriorityQueue<ChannelActivity.Room> largest = new PriorityQueue<>(BY_SIZE.reversed());
        rooms.forEach((name, members) -> {
            largest.add(new ChannelActivity.Room(name, members.size()));
            if (largest.size() > most) {
                largest.poll();
            }
        });
        List<ChannelActivity.Room> listed = new ArrayList<>(largest);
        listed.sort(BY_SIZE);
        return listed;
    }

    /** @return how many rooms have members */
    int roomCount() {
        return rooms.size();
    }

    Set<String> roomNames() {
        return Set.copyOf(rooms.keySet());
    }

    Set<String> userNames() {
        return Set.copyOf(users.keySet());
    }

    /** @return the connections of an audience, before its exceptions */
    Collection<LiveConnection> recipients(Broadcast.Target target) {
        return switch (target.scope()) {
            case ALL -> connections;
            case ROOMS -> union(rooms, target.names());
            case USERS -> union(users, target.names());
        };
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
}
