package io.wschannels.spi;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Keeps who is present in which room for every server of a cluster (see
 * {@link io.wschannels.Presence#track}). The default keeps it in this server's memory; a CDI bean
 * implementing this interface (such as {@code channels-redis}' transport) shares it.
 *
 * <p>The runtime calls {@code start} once, then {@code put}/{@code remove} from any thread as
 * connections are tracked and end, {@code list} when asked, and {@code stop} at shutdown.
 */
public interface PresenceStore {

    /**
     * One present connection: its key (unique in the cluster), its user, its metadata, and
     * whether its arrival and departure are announced to its room.
     */
    record Entry(String key, String user, Map<String, String> meta, boolean announced) {
        public Entry {
            meta = Map.copyOf(meta);
        }
    }

    /** An entry that vanished with its server, found by another server. */
    record Departure(String channel, String room, Entry entry) {}

    /**
     * @param server this server's name, unique in the cluster (part of every key it puts)
     * @param departed told once, on one server, of each entry removed because its server died
     */
    void start(String server, Consumer<Departure> departed);

    CompletionStage<Void> put(String channel, String room, Entry entry);

    CompletionStage<Void> remove(String channel, String room, String key);

    /** Every present entry of a room, on every live server. */
    List<Entry> list(String channel, String room);

    void stop();
}
