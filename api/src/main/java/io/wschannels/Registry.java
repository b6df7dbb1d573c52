package io.wschannels;

import java.util.Collection;
import java.util.Set;

/**
 * The live connections of one channel, its rooms and its users: inject it anywhere, typed by the
 * channel, and broadcast from channels, CDI beans, EJBs, timers and JAX-RS resources alike.
 *
 * <pre>{@code
 * @Inject
 * Registry<ChatChannel> chat;
 *
 * chat.join("lobby", connection);                         // membership
 * chat.identify(connection, "user-42");                   // a user may have several connections
 * chat.room("lobby").except(connection).broadcastJson(notice);
 * chat.user("user-42").broadcastJson(notification);       // every tab of that user
 * chat.all().exceptUser("user-42").broadcast("maintenance at noon");
 * }</pre>
 *
 * <h2>Contract</h2>
 * The registry is application-scoped and thread-safe: every method may be called from any thread.
 * Reads return snapshots that do not change afterwards. A connection leaves every room and its user
 * as soon as it is closed, rejected or ends in any other way, before {@link Channel#onClose} runs, so
 * counts read in {@code onClose} already exclude it; rooms and users without connections disappear.
 * A closed connection cannot join a room or be identified (the calls return {@code 0} and
 * {@code false}).
 * Rooms and users belong to this channel: {@code Registry<ChatChannel>} and
 * {@code Registry<GameChannel>} never share a room.
 *
 * @param <C> the channel whose connections this registry holds
 */
public interface Registry<C extends Channel> {

    /**
     * Adds the connection to a room, creating the room if needed. Joining twice is harmless.
     *
     * @return how many connections are in the room right after this join, this one included;
     *         concurrent joins to one room each see a different count. {@code 0} if the
     *         connection is no longer open (nothing changed)
     */
    int join(String room, Connection connection);

    /** Removes the connection from the room; a room left empty disappears. */
    void leave(String room, Connection connection);

    /**
     * Associates the connection with a user id, for {@link #user(String)} and
     * {@link Audience#exceptUser(String)}. One user may have any number of connections.
     *
     * @return {@code false} if the connection is no longer open, or if the user already has
     *         {@link Limits#maxConnectionsPerUser()} connections (this one is then closed with 1013)
     * @throws IllegalStateException if the connection is already identified as another user
     */
    boolean identify(Connection connection, String userId);

    /** The open connections of this channel (those whose {@code onConnect} completed). */
    Set<Connection> connections();

    /** The connections in a room, or an empty set. */
    Set<Connection> members(String room);

    /** How many connections are in a room. */
    int count(String room);

    /** The names of the rooms that have members. */
    Set<String> rooms();

    /** The rooms a connection is in. */
    Set<String> roomsOf(Connection connection);

    /** The users that have at least one connection. */
    Set<String> users();

    /** The connections of a user, or an empty set. */
    Set<Connection> connectionsOf(String userId);

    /** The user a connection was identified as, or {@code null}. */
    String userOf(Connection connection);

    /** Everyone in one room. */
    Audience room(String room);

    /** Everyone in any of these rooms; a connection in several of them gets a message once. */
    Audience rooms(Collection<String> rooms);

    /** Everyone in any of these rooms; a connection in several of them gets a message once. */
    default Audience rooms(String... rooms) {
        return rooms(java.util.List.of(rooms));
    }

    /** Every connection of one user. */
    Audience user(String userId);

    /** Every connection of any of these users. */
    Audience users(Collection<String> userIds);

    /** Every connection of any of these users. */
    default Audience users(String... userIds) {
        return users(java.util.List.of(userIds));
    }

    /** Every open connection of this channel. */
    Audience all();

    /**
     * Marks a connection present in a room, with metadata (a display name, a status) that every
     * server of the cluster sees in {@link #presence(String)}. The room's members (see
     * {@link #join}) are told with
     * {@code {"type":"presence_diff","joins":{"ann":[{"name":"Ann"}]},"leaves":{}}}; when the
     * connection ends, or is untracked, they get the matching {@code leaves}. Tracking again
     * replaces the metadata. With {@code channels-redis} a server that dies without a goodbye has
     * its entries removed, and the leaves sent, within a bounded time.
     *
     * @param room the room
     * @param connection a connection of this channel; its user (see {@link #identify}) is the
     *        presence's key, or its id when it has no user
     * @param meta what others may see; small, strings only
     */
    void track(String room, Connection connection, java.util.Map<String, String> meta);

    /**
     * Like {@link #track}, without telling anyone: no {@code presence_diff} now or when it ends.
     * For channels whose protocol has its own join and leave messages, which can read
     * {@link #presence(String)} for cluster-wide counts.
     */
    void trackQuietly(String room, Connection connection, java.util.Map<String, String> meta);

    /** Ends what {@link #track} started; nothing happens if the connection is not tracked there. */
    void untrack(String room, Connection connection);

    /**
     * Who is present in a room on every server: each user (or connection id) with the metadata
     * of each of their present connections. With {@code channels-redis} this asks Redis.
     *
     * @return user to metadata list, sorted by user
     */
    java.util.Map<String, java.util.List<java.util.Map<String, String>>> presence(String room);
}
