package io.wschannels.cdi.connection;

import io.wschannels.cdi.history.Resume;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rooms and the user of one connection, as its channel's registry recorded them. Guarded by the
 * object's own lock: every membership change takes it first, then the registry's per-room lock, so a
 * join racing with a close can neither leave a closed connection in a room nor deadlock. A
 * connection is in few rooms, so a small list (created on first join) beats a hash set.
 */
public final class Membership {

    private List<String> rooms;
    private String userId;
    private boolean forgotten;
    /** While {@code onConnect} runs, what a returning client asked to resume; else {@code null}. */
    private volatile Resume resume;
    /** Per shared stream resumed, the last offset replayed: a later arrival up to it is not sent again. */
    private volatile Map<String, Long> seen;

    /** @return {@code true} if the room was added, {@code false} if the connection was in it */
    public boolean addRoom(String room) {
        if (rooms == null) {
            rooms = new ArrayList<>(2);
        } else if (rooms.contains(room)) {
            return false;
        }
        return rooms.add(room);
    }

    /** @return {@code true} if the connection was in the room */
    public boolean removeRoom(String room) {
        return rooms != null && rooms.remove(room);
    }

    /** @return the rooms, the live list: copy it before the lock is released */
    public List<String> rooms() {
        return rooms == null ? List.of() : rooms;
    }

    /** @return the user, or {@code null} */
    public String userId() {
        return userId;
    }

    /** @param userId the user, or {@code null} */
    public void userId(String userId) {
        this.userId = userId;
    }

    /** @return what the client asked to resume, while {@code onConnect} runs; else {@code null} */
    public Resume resume() {
        return resume;
    }

    /** @param resume what the client asked to resume, or {@code null} once {@code onConnect} is over */
    public void resume(Resume resume) {
        this.resume = resume;
    }

    /** The client has every message of a shared stream up to this offset (it was replayed them). */
    public void seenUpTo(String stream, long offset) {
        Map<String, Long> marks = seen;
        if (marks == null) {
            marks = new ConcurrentHashMap<>(4);
            seen = marks;
        }
        marks.put(stream, offset);
    }

    /**
     * @param offsets a kept broadcast's offsets, by stream
     * @return whether the client was replayed it already: it is not to be sent again
     */
    public boolean hasSeen(Map<String, Long> offsets) {
        Map<String, Long> marks = seen;
        if (marks == null) {
            return false;
        }
        for (Map.Entry<String, Long> offset : offsets.entrySet()) {
            Long mark = marks.get(offset.getKey());
            if (mark != null) {
                if (offset.getValue() <= mark) {
                    return true;
                }
                marks.remove(offset.getKey()); // past it: later ones are newer still
            }
        }
        return false;
    }

    /** @return whether the connection has left for good: nothing may be added any more */
    public boolean forgotten() {
        return forgotten;
    }

    /** The connection has left for good; its rooms are dropped. */
    public void forget() {
        forgotten = true;
        rooms = null;
    }
}
