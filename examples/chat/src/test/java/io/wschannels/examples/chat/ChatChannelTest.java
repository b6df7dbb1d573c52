package io.wschannels.examples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.testing.RunningServer;
import io.wschannels.testing.TestClient;
import jakarta.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The chat protocol of the Azu manual, end to end on the standalone server. */
class ChatChannelTest {

    private static final Duration QUIET = Duration.ofMillis(300);
    private static final String RFC_3339_UTC = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z";

    @RegisterExtension
    static final RunningServer server = RunningServer.with(builder -> builder.staticFiles("web"));

    /** Joins a room and consumes the welcome. */
    private static TestClient join(String room, String name) {
        TestClient client = TestClient.connect(server.webSocketUri("/chat/" + room + "?name=" + name));
        JsonObject welcome = client.awaitJson("system");
        assertEquals("Welcome to room " + room, welcome.getString("message"));
        return client;
    }

    private static void assertTimestamp(JsonObject message) {
        assertTrue(message.getString("timestamp").matches(RFC_3339_UTC), message.toString());
    }

    @Test
    void aNewMemberIsWelcomedWithTheRoomNameAndATimestamp() {
        try (TestClient ann = TestClient.connect(server.webSocketUri("/chat/welcome-room"))) {
            JsonObject welcome = ann.awaitJson("system");
            assertEquals("Welcome to room welcome-room", welcome.getString("message"));
            assertTimestamp(welcome);
            assertEquals(1, welcome.getInt("count"));
            assertEquals(List.of("type", "message", "count", "timestamp"), new ArrayList<>(welcome.keySet()));
            ann.assertNoMoreEvents(QUIET);
        }
    }

    @Test
    void theWelcomeTellsANewcomerHowManyAreInTheRoom() {
        try (TestClient ann = join("heads", "ann");
                TestClient bob = join("heads", "bob")) {
            ann.awaitJson("user_joined");
            try (TestClient cid = TestClient.connect(server.webSocketUri("/chat/heads?name=cid"))) {
                assertEquals(3, cid.awaitJson("system").getInt("count"));
            }
        }
    }

    @Test
    void theOthersAreToldSomeoneJoinedWithTheNewCountButNotTheNewcomer() {
        try (TestClient ann = join("joins", "ann")) {
            try (TestClient bob = join("joins", "bob")) {
                JsonObject joined = ann.awaitJson("user_joined");
                assertEquals("A user joined the room", joined.getString("message"));
                assertEquals(2, joined.getInt("count"));
                bob.assertNoMoreEvents(QUIET);
            }
        }
    }

    @Test
    void aChatMessageReachesTheWholeRoomSenderIncluded() {
        try (TestClient ann = join("talk", "ann");
                TestClient bob = join("talk", "bob")) {
            ann.awaitJson("user_joined");
            ann.send("{\"type\":\"chat_message\",\"message\":\"Hello, world!\"}");
            for (TestClient member : List.of(ann, bob)) {
                JsonObject chat = member.awaitJson("chat_message");
                assertEquals("Hello, world!", chat.getString("message"));
                assertEquals("ann", chat.getString("user_id"));
                assertTimestamp(chat);
            }
        }
    }

    @Test
    void withoutANameTheUserIdComesFromTheConnection() {
        try (TestClient anonymous = TestClient.connect(server.webSocketUri("/chat/anon"))) {
            anonymous.awaitJson("system");
            anonymous.send("{\"type\":\"chat_message\",\"message\":\"hi\"}");
            assertTrue(anonymous.awaitJson("chat_message").getString("user_id").matches("user_[A-Za-z0-9_-]{16}"));
        }
    }

    @Test
    void typingIndicatorsReachTheOthersOnly() {
        try (TestClient ann = join("typing", "ann");
                TestClient bob = join("typing", "bob")) {
            ann.awaitJson("user_joined");
            ann.send("{\"type\":\"typing_start\"}");
            JsonObject typing = bob.awaitJson("user_typing");
            assertEquals("ann", typing.getString("user_id"));
            assertTimestamp(typing);
            ann.send("{\"type\":\"typing_stop\"}");
            assertEquals("ann", bob.awaitJson("user_stopped_typing").getString("user_id"));
            ann.assertNoMoreEvents(QUIET);
        }
    }

    @Test
    void pingIsAnsweredWithPong() {
        try (TestClient ann = join("ping", "ann")) {
            ann.send("{\"type\":\"ping\"}");
            assertTimestamp(ann.awaitJson("pong"));
        }
    }

    @Test
    void theOthersAreToldSomeoneLeftWithTheRemainingCount() {
        try (TestClient ann = join("leaving", "ann");
                TestClient bob = join("leaving", "bob")) {
            ann.awaitJson("user_joined");
            bob.close();
            JsonObject left = ann.awaitJson("user_left");
            assertEquals("A user left the room", left.getString("message"));
            assertEquals(1, left.getInt("count"));
        }
    }

    @Test
    void invalidJsonIsAnsweredWithAnErrorAndTheConnectionStays() {
        try (TestClient ann = join("errors", "ann")) {
            ann.send("invalid json");
            assertTimestamp(ann.awaitError("Invalid JSON format"));
            ann.send("[1,2]");
            ann.awaitError("Invalid JSON format");
            ann.send("{\"type\":\"ping\"}");
            ann.awaitJson("pong");
        }
    }

    @Test
    void aChatMessageWithoutATextMessageIsRefused() {
        try (TestClient ann = join("required", "ann")) {
            ann.send("{\"type\":\"chat_message\"}");
            ann.awaitError("Message is required");
            ann.send("{\"type\":\"chat_message\",\"message\":42}");
            ann.awaitError("Message is required");
        }
    }

    @Test
    void aMessageOfExactly1000CharactersPassesAnd1001IsTooLong() {
        try (TestClient ann = join("limits", "ann")) {
            ann.send("{\"type\":\"chat_message\",\"message\":\"" + "x".repeat(1000) + "\"}");
            assertEquals(
                    1000, ann.awaitJson("chat_message").getString("message").length());
            ann.send("{\"type\":\"chat_message\",\"message\":\"" + "x".repeat(1001) + "\"}");
            ann.awaitError("Message too long");
        }
    }

    @Test
    void aBlankMessageIsRefused() {
        try (TestClient ann = join("blank", "ann")) {
            ann.send("{\"type\":\"chat_message\",\"message\":\"  \\t \"}");
            ann.awaitError("Message cannot be empty");
            ann.send("{\"type\":\"chat_message\",\"message\":\"\"}");
            ann.awaitError("Message cannot be empty");
        }
    }

    @Test
    void anUnknownTypeIsNamedInTheError() {
        try (TestClient ann = join("unknown", "ann")) {
            ann.send("{\"type\":\"dance\"}");
            ann.awaitError("Unknown message type: dance");
            ann.send("{\"type\":7}");
            ann.awaitError("Unknown message type: 7");
            ann.send("{\"message\":\"no type\"}");
            ann.awaitError("Unknown message type: ");
        }
    }

    @Test
    void roomsAreIsolated() {
        try (TestClient red = join("red", "ann");
                TestClient blue = join("blue", "bob")) {
            red.send("{\"type\":\"chat_message\",\"message\":\"only red\"}");
            red.awaitJson("chat_message");
            red.send("{\"type\":\"typing_start\"}");
            blue.assertNoMoreEvents(QUIET);
        }
    }

    @Test
    void fiftyMembersOfOneRoomAllReceiveOneMessage() {
        List<TestClient> members = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                members.add(join("crowd", "m" + i));
            }
            // The first member hears of every later joiner; once it has heard of the fiftieth,
            // the server holds all fifty in the room (joins of different connections may be
            // handled in any order, so the notices are collected as a set).
            java.util.Set<Integer> counts = new java.util.TreeSet<>();
            while (counts.size() < 49) {
                counts.add(members.get(0).awaitJson("user_joined").getInt("count"));
            }
            assertEquals(java.util.stream.IntStream.rangeClosed(2, 50).boxed().toList(), new ArrayList<>(counts));
            members.get(17).send("{\"type\":\"chat_message\",\"message\":\"to all fifty\"}");
            for (TestClient member : members) {
                JsonObject chat = nextChatMessageAfterJoinNotices(member);
                assertEquals("to all fifty", chat.getString("message"));
                assertEquals("m17", chat.getString("user_id"));
            }
        } finally {
            members.forEach(TestClient::close);
        }
    }

    private static JsonObject nextChatMessageAfterJoinNotices(TestClient member) {
        while (true) {
            JsonObject next = member.awaitJson();
            if (!"user_joined".equals(next.getString("type"))) {
                assertEquals("chat_message", next.getString("type"), next.toString());
                return next;
            }
        }
    }

    @Test
    void anAbruptDisconnectLeavesNoGhostMember() {
        try (TestClient ann = join("ghosts", "ann")) {
            TestClient crashing = join("ghosts", "crash");
            assertEquals(2, ann.awaitJson("user_joined").getInt("count"));
            crashing.abort(); // no close frame: the TCP connection just goes away
            assertEquals(1, ann.awaitJson("user_left").getInt("count"));
            try (TestClient bob = join("ghosts", "bob")) {
                assertEquals(2, ann.awaitJson("user_joined").getInt("count"));
            }
        }
    }

    @Test
    void aBinaryFrameIsRefusedWith1003AndTheRoomKeepsChatting() {
        try (TestClient ann = join("binary", "ann");
                TestClient bob = join("binary", "bob")) {
            ann.awaitJson("user_joined");
            bob.sendBinary(new byte[] {0, 1, 2});
            bob.awaitClose(1003, "This channel accepts text messages only");
            assertEquals(1, ann.awaitJson("user_left").getInt("count"));
            ann.send("{\"type\":\"chat_message\",\"message\":\"still here\"}");
            assertEquals("still here", ann.awaitJson("chat_message").getString("message"));
        }
    }

    @Test
    void aSixteenMebibyteMessageIsRefusedWith1009AndTheRoomKeepsChatting() {
        try (TestClient ann = join("huge", "ann");
                TestClient bob = join("huge", "bob")) {
            ann.awaitJson("user_joined");
            // The server may refuse it before it has all arrived, so the send itself may fail.
            bob.sendWithoutWaiting("{\"type\":\"chat_message\",\"message\":\"" + "x".repeat(16 * 1024 * 1024) + "\"}");
            TestClient.Closed closed = bob.awaitClose();
            assertEquals(1009, closed.code(), "close code, reason " + closed.reason());
            assertEquals(1, ann.awaitJson("user_left").getInt("count"));
            ann.send("{\"type\":\"chat_message\",\"message\":\"still here\"}");
            assertEquals("still here", ann.awaitJson("chat_message").getString("message"));
        }
    }

    @Test
    void theChatPageIsServedAtTheRoot() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(server.uri()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<script type=\"module\" src=\"chat.js\"></script>"), page.body());
        HttpResponse<String> script = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(server.uri().resolve("chat.js")).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, script.statusCode());
        assertTrue(script.body().contains("new Channel(\"chat/\""), "the page connects to the chat route");
        assertTrue(script.body().contains("from \"./wschannels/channels.js\""), "on the library's client");
    }
}
