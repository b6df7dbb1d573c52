package io.wschannels.examples.rooms;

import io.wschannels.Delivery;
import io.wschannels.Registry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * A bean that is not a channel and pushes to rooms and users: what an EJB, a JAX-RS resource or a
 * scheduled task does. It injects the registries like any other bean.
 */
@ApplicationScoped
public class Announcer {

    @Inject
    Registry<RoomChannel> rooms;

    @Inject
    Registry<UserChannel> users;

    /** A notice to everyone in one room. */
    public CompletionStage<Delivery> toRoom(String room, String text) {
        return rooms.room(room).broadcastJson(Map.of("type", "announcement", "message", text));
    }

    /** A notification to every open tab of one user. */
    public CompletionStage<Delivery> toUser(String userId, String text) {
        return users.user(userId).broadcastJson(Map.of("type", "notification", "message", text));
    }
}
