package io.wschannels.testkit;

import io.wschannels.Channel;
import io.wschannels.ChannelException;
import io.wschannels.Handle;
import io.wschannels.Limits;
import io.wschannels.Registry;
import io.wschannels.Route;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Size;
import jakarta.websocket.CloseReason;
import java.nio.ByteBuffer;
import java.util.Map;

/** A small room channel that uses most of the API: rooms, broadcasts, typed messages, refusals, limits. */
@Route("/lobby/{room}")
@Limits(maxMessageBytes = 256)
public class LobbyChannel extends Channel {

    public record Say(@Size(min = 1, max = 20) String text) {}

    @Inject
    Registry<LobbyChannel> registry;

    private String name;

    public LobbyChannel() {}

    /** For tests that make the channel with new. */
    public LobbyChannel(Registry<LobbyChannel> registry) {
        this.registry = registry;
    }

    @Override
    public void onConnect() {
        name = connection().queryParam("name");
        if (name == null) {
            throw new ChannelException("Name required");
        }
        String room = param("room");
        int count = registry.join(room, connection());
        sendJson(Map.of(
                "type",
                "welcome",
                "room",
                room,
                "count",
                count,
                "agent",
                String.valueOf(connection().header("User-Agent"))));
        registry.room(room).except(connection()).broadcastJson(Map.of("type", "joined", "name", name));
    }

    @Handle("say")
    Map<String, Object> say(Say say) {
        registry.room(param("room"))
                .except(connection())
                .broadcastJson(Map.of("type", "said", "name", name, "text", say.text()));
        return Map.of("delivered", true);
    }

    @Override
    public void onBinary(ByteBuffer data) {
        connection().sendBinary(data);
    }

    @Override
    public void onClose(CloseReason.CloseCode code, String reason) {
        if (name != null) {
            registry.room(param("room")).broadcastJson(Map.of("type", "left", "name", name, "code", code.getCode()));
        }
    }
}
