package io.wschannels.cdi.broadcast;

import io.wschannels.Audience;
import io.wschannels.Connection;
import io.wschannels.Delivery;
import io.wschannels.cdi.json.Envelopes;
import io.wschannels.spi.Broadcast;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An audience as an immutable target; broadcasting hands it to the application's transport, now or
 * when the caller's transaction commits.
 *
 * @param immediate whether its broadcasts leave at once even inside a transaction
 */
record TargetedAudience(Broadcasts broadcasts, String channel, Broadcast.Target target, boolean immediate)
        implements Audience {

    @Override
    public Audience except(Connection connection) {
        Objects.requireNonNull(connection, "connection");
        return new TargetedAudience(
                broadcasts,
                channel,
                new Broadcast.Target(target.scope(), target.names(), connection.id(), target.exceptUser()),
                immediate);
    }

    @Override
    public Audience exceptUser(String userId) {
        Objects.requireNonNull(userId, "userId");
        return new TargetedAudience(
                broadcasts,
                channel,
                new Broadcast.Target(target.scope(), target.names(), target.exceptConnection(), userId),
                immediate);
    }

    @Override
    public Audience immediately() {
        return immediate ? this : new TargetedAudience(broadcasts, channel, target, true);
    }

    @Override
    public CompletionStage<Delivery> broadcast(String text) {
        Objects.requireNonNull(text, "text");
        return broadcasts.publish(this, text);
    }

    @Override
    public CompletionStage<Delivery> broadcastJson(Object value) {
        Objects.requireNonNull(value, "value");
        String text;
        try {
            text = broadcasts.json().toJson(value); // once, for every recipient on every server
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(Envelopes.notSerializable(value, "a broadcast to " + this, e));
        }
        return broadcasts.publish(this, text);
    }

    @Override
    public String toString() {
        String who = switch (target.scope()) {
            case ALL -> "everyone";
            case ROOMS -> "rooms " + target.names();
            case USERS -> "users " + target.names();
        };
        return who + (target.exceptConnection() == null ? "" : " except connection " + target.exceptConnection())
                + (target.exceptUser() == null ? "" : " except user " + target.exceptUser()) + " of " + channel
                + (immediate ? ", immediately" : "");
    }
}
