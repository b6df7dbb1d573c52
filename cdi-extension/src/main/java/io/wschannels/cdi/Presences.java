package io.wschannels.cdi;

import io.wschannels.spi.PresenceStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Presence for one channel: which connections are tracked in which rooms here, the cluster's view
 * through the {@link PresenceStore}, and the {@code presence_diff} messages to the rooms' members.
 */
final class Presences {

    private static final Logger LOG = Logger.getLogger(Presences.class.getName());

    /** What every channel of a deployment shares: the store and this server's name. */
    static final class Shared {
        volatile PresenceStore store = new InMemory();
        final String server;
        final Json json;

        Shared(String server, Json json) {
            this.server = server;
            this.json = json;
        }
    }

    private final ChannelRegistry<?> registry;
    private final Shared shared;
    /** Only connections that are tracked somewhere; room to entry. Guarded by the connection's membership lock. */
    private final Map<LiveConnection, Map<String, PresenceStore.Entry>> tracked = new ConcurrentHashMap<>();

    Presences(ChannelRegistry<?> registry, Shared shared) {
        this.registry = registry;
        this.shared = shared;
    }

    private String channel() {
        return registry.definition().type().getName();
    }

    void track(String room, LiveConnection connection, Map<String, String> meta, boolean announced) {
        java.util.Objects.requireNonNull(room, "room");
        String user = registry.userOf(connection);
        PresenceStore.Entry entry = new PresenceStore.Entry(shared.server + ":" + connection.id(),
                user != null ? user : connection.id(), meta == null ? Map.of() : meta, announced);
        LiveConnection.Membership membership = connection.membership();
        synchronized (membership) {
            if (membership.forgotten) {
                return; // ended meanwhile: nothing to track
            }
            tracked.computeIfAbsent(connection, c -> new LinkedHashMap<>(2)).put(room, entry);
        }
        logFailure(shared.store.put(channel(), room, entry), "track");
        if (announced) {
            announce(room, Map.of(entry.user(), List.of(entry.meta())), Map.of());
        }
    }

    void untrack(String room, LiveConnection connection) {
        PresenceStore.Entry entry;
        synchronized (connection.membership()) {
            Map<String, PresenceStore.Entry> rooms = tracked.get(connection);
            entry = rooms == null ? null : rooms.remove(room);
            if (rooms != null && rooms.isEmpty()) {
                tracked.remove(connection);
            }
        }
        if (entry != null) {
            leave(room, entry);
        }
    }

    /** The connection ended: it leaves every room it was tracked in. */
    void forget(LiveConnection connection) {
        Map<String, PresenceStore.Entry> rooms;
        synchronized (connection.membership()) {
            rooms = tracked.remove(connection);
        }
        if (rooms != null) {
            rooms.forEach(this::leave);
        }
    }

    private void leave(String room, PresenceStore.Entry entry) {
        logFailure(shared.store.remove(channel(), room, entry.key()), "untrack");
        announceLeave(room, entry);
    }

    void announceLeave(String room, PresenceStore.Entry entry) {
        if (entry.announced()) {
            announce(room, Map.of(), Map.of(entry.user(), List.of(entry.meta())));
        }
    }

    Map<String, List<Map<String, String>>> list(String room) {
        Map<String, List<Map<String, String>>> byUser = new TreeMap<>();
        for (PresenceStore.Entry entry : shared.store.list(channel(), room)) {
            byUser.computeIfAbsent(entry.user(), u -> new ArrayList<>()).add(entry.meta());
        }
        byUser.replaceAll((user, metas) -> List.copyOf(metas));
        return java.util.Collections.unmodifiableMap(byUser);
    }

    private void announce(String room, Map<String, List<Map<String, String>>> joins,
            Map<String, List<Map<String, String>>> leaves) {
        Map<String, Object> diff = new LinkedHashMap<>();
        diff.put("type", "presence_diff");
        diff.put("room", room);
        diff.put("joins", joins);
        diff.put("leaves", leaves);
        registry.room(room).broadcastJson(diff);
    }

    private void logFailure(CompletionStage<Void> stage, String what) {
        stage.whenComplete((ignored, failure) -> {
            if (failure != null) {
                LOG.log(Level.WARNING, "Presence " + what + " for " + registry.definition().describe() + " did not reach "
                        + shared.store.getClass().getName() + "; it is resent when the store is back, if it can", failure);
            }
        });
    }

    /** The default store: this server's memory, for a single server. */
    static final class InMemory implements PresenceStore {
        private final Map<String, Map<String, Entry>> rooms = new ConcurrentHashMap<>();

        @Override
        public void start(String server, Consumer<Departure> departed) {
        }

        @Override
        public CompletionStage<Void> put(String channel, String room, Entry entry) {
            rooms.computeIfAbsent(channel + "\n" + room, k -> new ConcurrentHashMap<>()).put(entry.key(), entry);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> remove(String channel, String room, String key) {
            rooms.computeIfPresent(channel + "\n" + room, (k, entries) -> {
                entries.remove(key);
                return entries.isEmpty() ? null : entries;
            });
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public List<Entry> list(String channel, String room) {
            return List.copyOf(rooms.getOrDefault(channel + "\n" + room, Map.of()).values());
        }

        @Override
        public void stop() {
        }
    }
}
