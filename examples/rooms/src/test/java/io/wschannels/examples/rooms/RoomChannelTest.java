package io.wschannels.examples.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wschannels.Delivery;
import io.wschannels.testing.Eventually;
import io.wschannels.testing.RunningServer;
import io.wschannels.testing.TestClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The manual's RoomChannel on the standalone server. */
class RoomChannelTest {

    private static final Duration QUIET = Duration.ofMillis(300);

    @RegisterExtension
    static final RunningServer server = RunningServer.discovering();

    private static TestClient enter(String room, int expectedCount) {
        TestClient client = TestClient.connect(server.webSocketUri("/room/" + room));
        JsonObject info = client.awaitJson("room_info");
        assertEquals(room, info.getString("room_id"));
        assertEquals(expectedCount, info.getInt("user_count"));
        return client;
    }

    @Test
    void aNewConnectionIsToldTheRoomAndItsSize() {
        try (TestClient first = enter("info", 1);
                TestClient second = enter("info", 2)) {
            first.assertNoMoreEvents(QUIET);
        }
    }

    @Test
    void sayReachesTheRoomButNotTheSenderNorOtherRooms() {
        try (TestClient ann = enter("say", 1);
                TestClient bob = enter("say", 2);
                TestClient eve = enter("elsewhere", 1)) {
            ann.send("{\"type\":\"say\",\"message\":\"hi room\"}");
            JsonObject heard = bob.awaitJson("message");
            assertEquals("hi room", heard.getString("message"));
            ann.assertNoMoreEvents(QUIET);
            eve.assertNoMoreEvents(QUIET);
        }
    }

    @Test
    void shoutReachesEveryRoomSenderIncluded() {
        try (TestClient ann = enter("shout-a", 1);
                TestClient bob = enter("shout-b", 1)) {
            ann.send("{\"type\":\"shout\",\"message\":\"everyone\"}");
            assertEquals("everyone", ann.awaitJson("message").getString("message"));
            assertEquals("everyone", bob.awaitJson("message").getString("message"));
        }
    }

    @Test
    void tellReachesSeveralRoomsAndAConnectionInTwoOfThemOnce() {
        try (TestClient red = enter("red", 1);
                TestClient blue = enter("blue", 1);
                TestClient green = enter("green", 1);
                TestClient both = enter("red", 2)) {
            both.send("{\"type\":\"join\",\"room\":\"blue\"}");
            assertEquals(2, both.awaitJson("room_info").getInt("user_count"));
            green.send("{\"type\":\"tell\",\"rooms\":[\"red\",\"blue\"],\"message\":\"red and blue\"}");
            for (TestClient member : new TestClient[] {red, blue, both}) {
                assertEquals("red and blue", member.awaitJson("message").getString("message"));
            }
            both.assertNoMoreEvents(QUIET);
            green.assertNoMoreEvents(QUIET);
        }
    }

    @Test
    void aBeanThatIsNotAChannelPushesToExactlyOneRoom() throws Exception {
        try (TestClient inside = enter("news", 1);
                TestClient outside = enter("sports", 1)) {
            Delivery delivery = server.bean(Announcer.class)
                    .toRoom("news", "extra!")
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            assertEquals(new Delivery(1, 0), delivery);
            assertEquals("extra!", inside.awaitJson("announcement").getString("message"));
            outside.assertNoMoreEvents(QUIET);
        }
    }

    @Test
    void roomsDisappearWithTheirLastConnection() throws Exception {
        TestClient client = enter("ephemeral", 1);
        client.abort();
        Eventually.await(
                "the room ephemeral is gone",
                () -> !server.registry(RoomChannel.class).rooms().contains("ephemeral"),
                () -> server.registry(RoomChannel.class).rooms());
        assertEquals(Set.of(), Set.copyOf(server.registry(RoomChannel.class).members("ephemeral")));
        assertEquals(false, server.registry(RoomChannel.class).rooms().contains("ephemeral"));
    }
}
