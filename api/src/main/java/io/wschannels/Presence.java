package io.wschannels;

import java.util.List;
import java.util.Map;

/**
 * Who is present in the rooms of one channel, on every server of the application: Phoenix's
 * Presence. Inject it anywhere, typed by the channel, like {@link Registry}.
 *
 * <pre>{@code
 * @Inject
 * Presence<ChatChannel> presence;
 *
 * presence.track("lobby", connection(), Map.of("name", "Ann"));  // in onConnect
 * Map<String, List<Map<String, String>>> here = presence.list("lobby");
 * }</pre>
 *
 * <p>A tracked connection is present until it ends or is untracked; the runtime untracks it when it
 * ends, however it ends. Its key is its user (see {@link Registry#identify}), or its id when it has
 * none, so a user with two tabs is listed once, with two metadata maps. In memory on one server;
 * with {@code channels-redis} in Redis, so every server sees everyone, and a server that dies without
 * a goodbye has its entries removed, and their leaves announced, within a bounded time.
 *
 * <p>Thread-safe: every method may be called from any thread.
 *
 * @param <C> the channel whose rooms these are
 */
public interface Presence<C extends Channel> {

    /**
     * Marks a connection present in a room, with metadata every server sees in {@link #list}. The
     * room's members (see {@link Registry#join}) are told with
     * {@code {"type":"presence_diff","room":"lobby","joins":{"ann":[{"name":"Ann"}]},"leaves":{}}}, and
     * with the matching {@code leaves} when the connection ends or is untracked. Tracking again
     * replaces the metadata. Nothing happens for a connection that has already ended.
     *
     * @param room the room
     * @param connection a connection of this channel
     * @param meta what others may see; small, strings only
     * @throws IllegalArgumentException if the connection belongs to another channel
     */
    void track(String room, Connection connection, Map<String, String> meta);

    /**
     * Like {@link #track}, without telling anyone: no {@code presence_diff} now or when it ends. For
     * channels whose protocol has its own join and leave messages, which read {@link #list} for
     * cluster-wide head counts.
     *
     * @param room the room
     * @param connection a connection of this channel
     * @param meta what others may see; small, strings only
     */
    void trackQuietly(String room, Connection connection, Map<String, String> meta);

    /**
     * Ends what {@link #track} started; nothing happens if the connection is not tracked there.
     *
     * @param room the room
     * @param connection a connection of this channel
     */
    void untrack(String room, Connection connection);

    /**
     * Who is present in a room on every server. With {@code channels-redis} this asks Redis.
     *
     * @param room the room
     * @return each user (or connection id) with the metadata of each of their present connections,
     *     sorted by user; empty when nobody is present
     */
    Map<String, List<Map<String, String>>> list(String room);
}
