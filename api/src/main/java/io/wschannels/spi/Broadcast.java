package io.wschannels.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One broadcast as a transport carries it: which channel, which audience, and the message already
 * serialized (once, for all recipients on all servers).
 *
 * @param id unique id of this broadcast, for transports that need to recognise their own messages
 * @param channel the channel's class name (the same on every server of an application)
 * @param target who receives it
 * @param text the message
 * @param keep for a channel with {@code @History}, how much of each stream of its rooms or users the
 *     broadcast is kept in; {@code null} when it is not kept
 * @param positions where a transport that keeps history ({@link BroadcastTransport#history()}) kept
 *     it: stream name ({@code room:<name>}, {@code user:<id>}) to position ({@code epoch:offset});
 *     empty when published, and for other transports
 */
public record Broadcast(
        String id, String channel, Target target, String text, Retention keep, Map<String, String> positions) {

    public Broadcast {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(text, "text");
        positions = positions == null ? Map.of() : Map.copyOf(positions);
    }

    /** A broadcast that is not kept. */
    public Broadcast(String id, String channel, Target target, String text) {
        this(id, channel, target, text, null, Map.of());
    }

    /** @return the same broadcast, kept at these positions */
    public Broadcast at(Map<String, String> keptAt) {
        return new Broadcast(id, channel, target, text, keep, keptAt);
    }

    /**
     * How much a stream keeps.
     *
     * @param messages the most messages
     * @param maxAgeMillis the oldest a kept message may be
     */
    public record Retention(int messages, long maxAgeMillis) {}

    /**
     * An audience as data.
     *
     * @param scope whether {@code names} are rooms, users, or ignored for everyone
     * @param names room names or user ids, by scope
     * @param exceptConnection the id of a connection to leave out, or {@code null}
     * @param exceptUser a user whose connections are left out, or {@code null}
     */
    public record Target(Scope scope, Set<String> names, String exceptConnection, String exceptUser) {

        public Target {
            Objects.requireNonNull(scope, "scope");
            names = Set.copyOf(names);
        }

        /**
         * @return the streams a kept broadcast to this audience is kept in, sorted: {@code room:<name>}
         *     or {@code user:<id>} for each name; none for everyone
         */
        public List<String> streams() {
            if (scope == Scope.ALL) {
                return List.of();
            }
            String prefix = scope == Scope.ROOMS ? "room:" : "user:";
            return names.stream().map(name -> prefix + name).sorted().toList();
        }
    }

    /** What {@link Target#names()} means. */
    public enum Scope {
        /** Connections in any of the named rooms. */
        ROOMS,
        /** Connections of any of the named users. */
        USERS,
        /** Every connection of the channel; names are ignored. */
        ALL
    }
}
