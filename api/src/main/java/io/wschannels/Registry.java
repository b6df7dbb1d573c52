package io.wschannels;

import java.util.Collection;
import java.util.List;
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
 * as soon as it is closed, refused or ends in any other way, before {@link Channel#onClose} runs, so
 * counts read in {@code onClose} already exclude it; rooms and users without connections disappear.
 * A closed connection cannot join a room or be identified (the calls return {@code 0} and
 * {@code false}). Rooms and users belong to this channel: {@code Registry<ChatChannel>} and
 * {@code Registry<GameChannel>} never share a room. Who is present where, with metadata and across
 * servers, is {@link Presence}'s.
 *
 * @param <C> the channel whose connections this registry holds
 */
public interface Registry<C extends Channel> {

    /**
     * Adds the connection to a room, creating the room if needed. Joining twice is harmless.
     *
     * @param room the room's name
     * @param connection a connection of this channel
     * @return how many connections are in the room right after this join, this one included;
     *     concurrent joins to one room each see a different count. {@code 0} if the connection is no
     *     longer open (nothing changed)
     * @throws IllegalArgumentException if the connection belongs to another channel
     */
    int join(String room, Connection connection);

    /**
     * Removes the connection from the room; a room left empty disappears.
     *
     * @param room the room's name
     * @param connection a connection of this channel
     */
    void leave(String room, Connection connection);

    /**
     * Associates the connection with a user id, for {@link #user(String)} and
     * {@link Audience#exceptUser(String)}. One user may have several connections, up to the channel's
     * {@link Limits#maxConnectionsPerUser()}.
     *
     * @param connection a connection of this channel
     * @param userId the user
     * @return {@code true} when the connection is identified as that user (also when it already
     *     was), {@code false} when the connection is no longer open (nothing changed)
     * @throws ChannelException with the code {@code too_many_connections} when the user already has
     *     {@link Limits#maxConnectionsPerUser()} connections: nothing changed and the connection stays
     *     open. Left uncaught in {@link Channel#onConnect()}, it refuses the client with 1013 (try
     *     again later) and the reason {@code Too many connections for this user: at most N}
     * @throws IllegalStateException if the connection is already identified as another user
     */
    boolean identify(Connection connection, String userId);

    /** @return the open connections of this channel (those whose {@code onConnect} completed) */
    Set<Connection> connections();

    /**
     * @param room the room's name
     * @return the connections in the room, or an empty set
     */
    Set<Connection> members(String room);

    /**
     * @param room the room's name
     * @return how many connections are in the room
     */
    int count(String room);

    /** @return the names of the rooms that have members */
    Set<String> rooms();

    /**
     * @param connection a connection of this channel
     * @return the rooms it is in
     */
    Set<String> roomsOf(Connection connection);

    /** @return the users that have at least one connection */
    Set<String> users();

    /**
     * @param userId the user
     * @return the user's connections, or an empty set
     */
    Set<Connection> connectionsOf(String userId);

    /**
     * @param connection a connection of this channel
     * @return the user it was identified as, or {@code null}
     */
    String userOf(Connection connection);

    /**
     * @param room the room's name
     * @return everyone in the room
     */
    Audience room(String room);

    /**
     * @param rooms the rooms' names
     * @return everyone in any of these rooms; a connection in several of them gets a message once
     */
    Audience rooms(Collection<String> rooms);

    /**
     * @param rooms the rooms' names
     * @return everyone in any of these rooms; a connection in several of them gets a message once
     */
    default Audience rooms(String... rooms) {
        return rooms(List.of(rooms));
    }

    /**
     * @param userId the user
     * @return every connection of the user
     */
    Audience user(String userId);

    /**
     * @param userIds the users
     * @return every connection of any of these users
     */
    Audience users(Collection<String> userIds);

    /**
     * @param userIds the users
     * @return every connection of any of these users
     */
    default Audience users(String... userIds) {
        return users(List.of(userIds));
    }

    /** @return every open connection of this channel */
    Audience all();
}
