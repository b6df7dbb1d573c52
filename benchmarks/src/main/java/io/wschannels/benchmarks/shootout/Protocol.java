package io.wschannels.benchmarks.shootout;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.StringReader;

/**
 * The protocol's messages for the peers written against a bare WebSocket API (Netty, Undertow),
 * with the same JSON library the plain JSR-356 endpoint uses, so that none of them is measured with
 * a faster or slower parser than the others.
 */
final class Protocol {

    private Protocol() {}

    /** A parsed client message: its type and payload. */
    record Request(String type, JsonObject payload) {

        static Request parse(String text) {
            try (JsonReader reader = Json.createReader(new StringReader(text))) {
                JsonObject message = reader.readObject();
                return new Request(message.getString("type"), message.getJsonObject("payload"));
            }
        }

        /** The echo, or the broadcast every client gets. */
        String as(String type) {
            return Protocol.frame(type, payload, -1);
        }

        String result(int listenerCount) {
            return Protocol.frame("broadcastResult", payload, listenerCount);
        }
    }

    static String frame(String type, JsonObject payload, int listenerCount) {
        JsonObjectBuilder object = Json.createObjectBuilder().add("type", type).add("payload", payload);
        if (listenerCount >= 0) {
            object.add("listenerCount", listenerCount);
        }
        return object.build().toString();
    }
}
