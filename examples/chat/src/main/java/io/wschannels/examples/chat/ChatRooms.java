package io.wschannels.examples.chat;

import io.wschannels.Connection;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;

/**
 * Who is in which chat room. Thread-safe: connections join and leave from many I/O threads at once.
 * A room disappears with its last member. {@link ChatChannel} removes a connection in its
 * {@code onClose}, which runs however the connection ended, so no member outlives its connection.
 */
@ApplicationScoped
public class ChatRooms {

    private final ConcurrentHashMap<String, Set<Connection>> rooms = new ConcurrentHashMap<>();
    private Jsonb jsonb;

    @PostConstruct
    void init() {
        jsonb = JsonbBuilder.create();
    }

    @PreDestroy
    void close() {
        try {
            jsonb.close();
        } catch (Exception e) {
            throw new IllegalStateException("Could not close JSON Binding", e);
        }
    }

    /**
     * Adds the connection to the room and returns how many are in it now. {@code welcome} is called
     * with that count before the connection becomes visible to broadcasts, so whatever it sends is
     * the connection's first message from the room.
     */
    public int join(String room, Connection connection, IntConsumer welcome) {
        // compute() serializes joins and leaves of one room, so the count is exact and the removal
        // of an empty room in leave() cannot drop a joiner. Sending only queues: it does not block.
        int[] count = {0};
        rooms.compute(room, (name, members) -> {
            Set<Connection> set = members != null ? members : ConcurrentHashMap.newKeySet();
            count[0] = set.contains(connection) ? set.size() : set.size() + 1;
            welcome.accept(count[0]);
            set.add(connection);
            return set;
        });
        return count[0];
    }

    /** Removes the connection and returns how many are left; an empty room is forgotten. */
    public int leave(String room, Connection connection) {
        int[] left = {0};
        rooms.computeIfPresent(room, (name, members) -> {
            members.remove(connection);
            left[0] = members.size();
            return members.isEmpty() ? null : members;
        });
        return left[0];
    }

    /** How many connections are in the room. */
    public int count(String room) {
        Set<Connection> members = rooms.get(room);
        return members == null ? 0 : members.size();
    }

    /** How many rooms have members. */
    public int rooms() {
        return rooms.size();
    }

    /**
     * Sends {@code data} as JSON to every connection in the room except {@code exclude}. The JSON
     * is written once for all recipients; each send is queued, so a slow member delays nobody.
     */
    public void broadcast(String room, Object data, Connection exclude) {
        Set<Connection> members = rooms.get(room);
        if (members == null) {
            return;
        }
        String message = jsonb.toJson(data);
        for (Connection connection : members) {
            if (connection != exclude) {
                connection.send(message);
            }
        }
    }
}
