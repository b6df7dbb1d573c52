package io.wschannels.redis;

import io.wschannels.spi.Broadcast;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A broadcast as one JSON object on the wire; the message text inside is not parsed again. A kept
 * broadcast ends with {@code "at"}, its positions, which {@link RedisHistory}'s script adds.
 */
final class BroadcastCodec {

    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());
    private static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(Map.of());

    private BroadcastCodec() {}

    static String encode(Broadcast broadcast) {
        Broadcast.Target target = broadcast.target();
        JsonArrayBuilder names = BUILDERS.createArrayBuilder();
        target.names().forEach(names::add);
        JsonObjectBuilder json = BUILDERS.createObjectBuilder()
                .add("id", broadcast.id())
                .add("channel", broadcast.channel())
                .add("scope", target.scope().name())
                .add("names", names);
        if (target.exceptConnection() != null) {
            json.add("exceptConnection", target.exceptConnection());
        }
        if (target.exceptUser() != null) {
            json.add("exceptUser", target.exceptUser());
        }
        return json.add("text", broadcast.text()).build().toString();
    }

    static Broadcast decode(String message) {
        JsonObject json = READERS.createReader(new StringReader(message)).readObject();
        Set<String> names = new LinkedHashSet<>();
        json.getJsonArray("names").getValuesAs(JsonString.class).forEach(name -> names.add(name.getString()));
        Map<String, String> positions = new HashMap<>();
        JsonObject at = json.getJsonObject("at");
        if (at != null) {
            at.forEach((stream, position) -> positions.put(stream, ((JsonString) position).getString()));
        }
        return new Broadcast(
                json.getString("id"),
                json.getString("channel"),
                new Broadcast.Target(
                        Broadcast.Scope.valueOf(json.getString("scope")),
                        names,
                        json.getString("exceptConnection", null),
                        json.getString("exceptUser", null)),
                json.getString("text"),
                null,
                positions);
    }
}
