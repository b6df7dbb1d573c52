package io.wschannels.cdi.broadcast;

import io.wschannels.Channel;
import io.wschannels.Connection;
import io.wschannels.Presence;
import io.wschannels.cdi.connection.LiveConnection;
import io.wschannels.cdi.connection.Membership;
import io.wschannels.spi.PresenceStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Presence for one channel: which of its connections are tracked in which rooms on this server, the
 * cluster's view through the application's {@link PresenceStore}, and the {@code presence_diff}
 * messages to the rooms' members. Reads the registry (users, room audiences); the registry does not
 * know it.
 *
 * @param <C> the channel
 */
public final class ChannelPresence<C extends Channel> implements Presence<C> {

    private static final Logger LOG = Logger.getLogger(ChannelPresence.class.getName());

    private final ChannelRegistry<C> registry;
    private final PresenceStores stores;
    /** Only connections that are tracked somewhere; room to entry. Guarded by the connection's membership lock. */
    private final Map<LiveConnection, Map<String, PresenceStore.Entry>> tracked = new ConcurrentHashMap<>();

    /**
     * @param registry the channel's registry
     * @param stores the application's presence store and this server's name
     */
    public ChannelPresence(ChannelRegistry<C> registry, PresenceStores stores) {
        this.registry = registry;
        this.stores = stores;
    }

    /** @return the channel's class name, as stores and transports know it */
    public String channel() {
        return registry.definition().type().getName();
    }

    @Override
    public void track(String room, Connection connection, Map<String, String> meta) {
        track(room, registry.own(connection, "Presence", "track"), meta, true);
    }

    @Override
    public void trackQuietly(String room, Connection connection, Map<String, String> meta) {
        track(room, registry.own(connection, "Presence", "trackQuietly"), meta, false);
    }

    private void track(String room, LiveConnection connection, Map<String, String> meta, boolean announced) {
        Objects.requireNonNull(room, "room");
        String user = registry.userOf(connection);
        PresenceStore.Entry entry = new PresenceStore.Entry(
                stores.server() + ":" + connection.id(),
                user != null ? user : connection.id(),
                meta == null ? Map.of() : meta,
                announced);
        Membership membership = connection.membership();
        synchronized (membership) {
            if (membership.forgotten()) {
                return; // ended meanwhile: nothing to track
            }
            tracked.computeIfAbsent(connection, c -> new LinkedHashMap<>(2)).put(room, entry);
        }
        logFailure(stores.store().put(channel(), room, entry), "track");
        if (announced) {
            announce(room, Map.of(entry.user(), List.of(entry.meta())), Map.of());
        }
    }

    @Override
    public void untrack(String room, Connection connection) {
        LiveConnection live = registry.own(connection, "Presence", "untrack");
        PresenceStore.Entry entry;
        synchronized (live.membership()) {
            Map<String, PresenceStore.Entry> rooms = tracked.get(live);
            entry = rooms == null ? null : rooms.remove(room);
            if (rooms != null && rooms.isEmpty()) {
                tracked.remove(live);
            }
        }
        if (entry != null) {
            leave(room, entry);
        }
    }

    /**
     * The connection left (after the registry forgot it): it leaves every room it was tracked in.
     *
     * @param connection a connection of this channel
     */
    public void forget(LiveConnection connection) {
        Map<String, PresenceStore.Entry> rooms;
        synchronized (connection.membership()) {
            rooms = tracked.remove(connection);
        }
        if (rooms != null) {
            rooms.forEach(this::leave);
        }
    }

    private void leave(String room, PresenceStore.Entry entry) {
        logFailure(stores.store().remove(channel(), room, entry.key()), "untrack");
        announceLeave(room, entry);
    }

    /**
     * A departure the store found (its server died): the room is told.
     *
     * @param room the room
     * @param entry who left
     */
    public void announceLeave(String room, PresenceStore.Entry entry) {
        if (entry.announced()) {
            announce(room, Map.of(), Map.of(entry.user(), List.of(entry.meta())));
        }
    }

    @Override
    public Map<String, List<Map<String, String>>> list(String room) {
        Map<String, List<Map<String, String>>> byUser = new TreeMap<>();
        for (PresenceStore.Entry entry : stores.store().list(channel(), room)) {
            byUser.computeIfAbsent(entry.user(), u -> new ArrayList<>()).add(entry.meta());
        }
        byUser.replaceAll((user, metas) -> List.copyOf(metas));
        return Collections.unmodifiableMap(byUser);
    }

    private void announce(
            String room, Map<String, List<Map<String, String>>> joins, Map<String, List<Map<String, String>>> leaves) {
        Map<String, Object> diff = new LinkedHashMap<>();
        diff.put("type", "presence_diff");
        diff.put("room", room);
        diff.put("joins", joins);
        diff.put("leaves", leaves);
        registry.room(room).immediately().broadcastJson(diff); // who is here: no transaction's outcome
    }

    private void logFailure(CompletionStage<Void> stage, String what) {
        stage.whenComplete((ignored, failure) -> {
            if (failure != null) {
                LOG.log(
                        Level.WARNING,
                        "Presence " + what + " for " + registry.definition().describe() + " did not reach "
                                + stores.store().getClass().getName()
                                + "; it is resent when the store is back, if it can",
                        failure);
            }
        });
    }
}
