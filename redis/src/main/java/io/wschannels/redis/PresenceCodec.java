package io.wschannels.redis;

import io.wschannels.spi.PresenceStore;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;

/** A presence entry as the value of its field in a room's Redis hash (the field is its key). */
final class PresenceCodec {

    private PresenceCodec() {}

    static String encode(PresenceStore.Entry entry) {
        JsonObjectBuilder meta = Json.createObjectBuilder();
        entry.meta().forEach(meta::add);
        return Json.createObjectBuilder()
                .add("user", entry.user())
                .add("meta", meta)
                .add("announced", entry.announced())
                .build()
                .toString();
    }

    static PresenceStore.Entry decode(String key, String value) {
        JsonObject json = Json.createReader(new StringReader(value)).readObject();
        Map<String, String> meta = new LinkedHashMap<>();
        json.getJsonObject("meta").forEach((name, v) -> meta.put(name, ((JsonString) v).getString()));
        return new PresenceStore.Entry(key, json.getString("user"), meta, json.getBoolean("announced", true));
    }
}
