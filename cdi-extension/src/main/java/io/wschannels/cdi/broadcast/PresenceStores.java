package io.wschannels.cdi.broadcast;

import io.wschannels.spi.PresenceStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The presence store every channel of an application shares, and this server's name in it. In
 * memory until the application's own store is known (when the channels are registered): presence
 * is injectable before that, for example into a {@code @Startup} bean.
 */
public final class PresenceStores {

    private final String server;
    private volatile PresenceStore store = new InMemory();

    /** @param server this server's name, unique in the cluster */
    public PresenceStores(String server) {
        this.server = server;
    }

    /** @return this server's name */
    public String server() {
        return server;
    }

    /** @return the store in use */
    public PresenceStore store() {
        return store;
    }

    /**
     * Switches to the application's store, once, and starts it.
     *
     * @param applicationStore the application's store, or {@code null} to stay in memory
     * @param departed told of entries whose server died
     */
    public void use(PresenceStore applicationStore, Consumer<PresenceStore.Departure> departed) {
        if (applicationStore != null) {
            store = applicationStore;
        }
        store.start(server, departed);
    }

    /** The default store: this server's memory, for a single server. */
    static final class InMemory implements PresenceStore {
        private final Map<String, Map<String, Entry>> rooms = new ConcurrentHashMap<>();

        @Override
        public void start(String server, Consumer<Departure> departed) {}

        @Override
        public CompletionStage<Void> put(String channel, String room, Entry entry) {
            rooms.computeIfAbsent(channel + "\n" + room, k -> new ConcurrentHashMap<>())
                    .put(entry.key(), entry);
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
            return List.copyOf(
                    rooms.getOrDefault(channel + "\n" + room, Map.of()).values());
        }

        @Override
        public void stop() {}
    }
}
