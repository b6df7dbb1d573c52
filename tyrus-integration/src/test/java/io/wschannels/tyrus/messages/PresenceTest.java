package io.wschannels.tyrus.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wschannels.testing.Eventually;
import io.wschannels.testing.RunningServer;
import io.wschannels.testing.TestClient;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Presence on one server: tracked with metadata, listed by user, joins and leaves told to the room. */
class PresenceTest {

    @RegisterExtension
    static final RunningServer server = RunningServer.with(builder -> builder.beanClasses(PresenceChannel.class));

    private static TestClient enter(String room, String user, String name) {
        return TestClient.connect(server.webSocketUri("/present/" + room + "?user=" + user + "&name="
                + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void membersSeeWhoComesAndGoesAndCanAskWhoIsThere() {
        try (TestClient ann = enter("hall", "ann", "Ann")) {
            JsonObject own = ann.awaitJson("presence_diff");
            assertEquals(
                    "{\"ann\":[{\"name\":\"Ann\"}]}", own.getJsonObject("joins").toString());
            try (TestClient bob = enter("hall", "bob", "Bob")) {
                assertEquals(
                        "{\"bob\":[{\"name\":\"Bob\"}]}",
                        ann.awaitJson("presence_diff").getJsonObject("joins").toString());
                bob.awaitJson("presence_diff"); // his own join: he is tracked before Ann's phone connects
                try (TestClient annAgain = enter("hall", "ann", "Ann (phone)")) {
                    assertEquals(
                            "{\"ann\":[{\"name\":\"Ann (phone)\"}]}",
                            ann.awaitJson("presence_diff")
                                    .getJsonObject("joins")
                                    .toString());
                    assertEquals(
                            "{\"ann\":[{\"name\":\"Ann (phone)\"}]}",
                            bob.awaitJson("presence_diff")
                                    .getJsonObject("joins")
                                    .toString());
                    ann.send("who");
                    JsonObject who = ann.awaitJson();
                    assertEquals(List.of("ann", "bob"), List.copyOf(who.keySet()), "sorted by user");
                    assertEquals(2, who.getJsonArray("ann").size(), "one entry per connection of a user");

                    bob.send("away");
                    assertEquals(
                            "{\"bob\":[{\"name\":\"Bob\"}]}",
                            ann.awaitJson("presence_diff")
                                    .getJsonObject("leaves")
                                    .toString());
                    annAgain.close();
                    assertEquals(
                            "{\"ann\":[{\"name\":\"Ann (phone)\"}]}",
                            ann.awaitJson("presence_diff")
                                    .getJsonObject("leaves")
                                    .toString());
                }
            }
            Eventually.await(
                    "only Ann is left",
                    () -> server.presence(PresenceChannel.class)
                            .list("hall")
                            .equals(Map.of("ann", List.of(Map.of("name", "Ann")))));
        }
        Eventually.await(
                "the hall is empty",
                () -> server.presence(PresenceChannel.class).list("hall").isEmpty());
    }
}
