package io.wschannels.redis;

import io.wschannels.Audience;
import io.wschannels.Channel;
import io.wschannels.Connection;
import io.wschannels.Limits;
import io.wschannels.Registry;
import io.wschannels.Route;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * Broadcasts to {@link NodeChannel}'s audiences on a client's command, as code on that server
 * would, so that a test can drive a node in another process: {@code <audience> <text>} is
 * answered with {@code delivered <recipients on this server>}. Audiences: {@code room:red},
 * {@code rooms:red,blue}, {@code all}, {@code user:ann}, {@code users:bob,cyd},
 * {@code allExceptUser:ann}, {@code roomExcept:red:<connection id on this server>}. And
 * {@code count} is answered with {@code connections <NodeChannel connections on this server>}.
 */
@Route("/command")
@Limits(messagesPerSecond = 0) // a test sends thousands of commands at once
public class CommandChannel extends Channel {

    @Inject
    Registry<NodeChannel> nodes;

    @Override
    public void onMessage(String command) {
        if (command.equals("count")) {
            send("connections " + nodes.connections().size());
            return;
        }
        int space = command.indexOf(' ');
        audience(command.substring(0, space))
                .broadcast(command.substring(space + 1))
                .thenAccept(delivery -> send("delivered " + delivery.recipients()));
    }

    private Audience audience(String spec) {
        String[] parts = spec.split(":");
        return switch (parts[0]) {
            case "room" -> nodes.room(parts[1]);
            case "rooms" -> nodes.rooms(Set.of(parts[1].split(",")));
            case "all" -> nodes.all();
            case "user" -> nodes.user(parts[1]);
            case "users" -> nodes.users(Set.of(parts[1].split(",")));
            case "allExceptUser" -> nodes.all().exceptUser(parts[1]);
            case "roomExcept" -> nodes.room(parts[1]).except(local(parts[2]));
            default -> throw new IllegalArgumentException("unknown audience " + spec);
        };
    }

    private Connection local(String id) {
        return nodes.connections().stream()
                .filter(c -> c.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no connection " + id + " on this server"));
    }
}
