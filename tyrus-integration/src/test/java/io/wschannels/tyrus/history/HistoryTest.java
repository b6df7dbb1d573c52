package io.wschannels.tyrus.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.History;
import io.wschannels.Registry;
import io.wschannels.testing.Eventually;
import io.wschannels.testing.RunningServer;
import io.wschannels.testing.TestClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code @History} end to end: positions on kept broadcasts, a returning client resumed in order and
 * once before anything newer, and every way a resume cannot be honoured answered, never thrown.
 */
class HistoryTest {

    @RegisterExtension
    static final RunningServer server = RunningServer.with(
            builder -> builder.beanClasses(KeptChannel.class, BrieflyKeptChannel.class, WidelyKeptChannel.class));

    private static final Duration QUIET = Duration.ofMillis(300);

    private Registry<KeptChannel> registry() {
        return server.registry(KeptChannel.class);
    }

    /** A kept message as the client receives it. */
    record Kept(Map<String, String> at, String text) {
        static Kept of(String frame) {
            JsonObject json = Json.createReader(new StringReader(frame)).readObject();
            assertEquals("channels:message", json.getString("type"), frame);
            Map<String, String> at = json.getJsonObject("at").entrySet().stream()
                    .collect(Collectors.toMap(
                            Map.Entry::getKey, e -> ((jakarta.json.JsonString) e.getValue()).getString()));
            return new Kept(at, json.getString("text"));
        }
    }

    private static URI uri(String path, String query, String resume) {
        String full = path + "?" + query
                + (resume == null ? "" : "&channels.resume=" + URLEncoder.encode(resume, StandardCharsets.UTF_8));
        return server.webSocketUri(full);
    }

    private static TestClient connect(String query, String resume) {
        TestClient client = TestClient.connect(uri("/kept", query, resume));
        return client;
    }

    private static JsonObject resumed(TestClient client) {
        JsonObject answer = client.awaitJson("channels:resumed");
        return answer;
    }

    /** Skips what is replayed and sent by onConnect, up to the answer to the resume. */
    private static JsonObject untilResumed(TestClient client) {
        String frame;
        do {
            frame = client.awaitFrame();
        } while (!frame.startsWith("{\"type\":\"channels:resumed\""));
        return Json.createReader(new StringReader(frame)).readObject();
    }

    private void broadcast(String room, String text) throws Exception {
        registry().room(room).broadcast(text).toCompletableFuture().get();
    }

    @Test
    void keptBroadcastsCarryTheirPositionAndTheMessageAsSent() throws Exception {
        try (TestClient client = connect("rooms=pos", null)) {
            assertEquals("ready", client.awaitFrame());
            broadcast("pos", "{\"type\":\"chat\",\"message\":\"hi\"}");
            broadcast("pos", "plain text");
            Kept first = Kept.of(client.awaitFrame());
            Kept second = Kept.of(client.awaitFrame());
            assertEquals("{\"type\":\"chat\",\"message\":\"hi\"}", first.text());
            assertEquals("plain text", second.text());
            String[] one = first.at().get("room:pos").split(":");
            String[] two = second.at().get("room:pos").split(":");
            assertEquals(one[0], two[0], "one epoch");
            assertEquals(Long.parseLong(one[1]) + 1, Long.parseLong(two[1]), "offsets grow by one");
            registry().all().broadcast("to all: not kept").toCompletableFuture().get();
            assertEquals("to all: not kept", client.awaitFrame());
        }
    }

    @Test
    void aReturningClientGetsWhatItMissedInOrderOnceThenWhatIsNewer() throws Exception {
        String seen;
        try (TestClient client = connect("rooms=back", null)) {
            assertEquals("ready", client.awaitFrame());
            broadcast("back", "m1");
            broadcast("back", "m2");
            assertEquals("m1", Kept.of(client.awaitFrame()).text());
            seen = Kept.of(client.awaitFrame()).at().get("room:back");
        }
        Eventually.await(
                "the first connection has gone",
                () -> registry().members("back").isEmpty());
        broadcast("back", "m3");
        broadcast("back", "m4");
        try (TestClient client = connect("rooms=back", "{\"room:back\":\"" + seen + "\"}")) {
            assertEquals("m3", Kept.of(client.awaitFrame()).text());
            assertEquals("m4", Kept.of(client.awaitFrame()).text());
            assertEquals("ready", client.awaitFrame(), "replayed as onConnect joined, before what it sends after");
            JsonObject answer = resumed(client);
            assertEquals(2, answer.getJsonObject("recovered").getInt("room:back"));
            assertTrue(answer.getJsonObject("impossible").isEmpty(), answer.toString());
            broadcast("back", "m5");
            assertEquals("m5", Kept.of(client.awaitFrame()).text());
            client.assertNoMoreEvents(QUIET);
        }
    }

    @Test
    void aClientThatMissedNothingIsToldSo() throws Exception {
        String seen;
        try (TestClient client = connect("rooms=same", null)) {
            client.awaitFrame();
            broadcast("same", "only");
            seen = Kept.of(client.awaitFrame()).at().get("room:same");
        }
        try (TestClient client = connect("rooms=same", "{\"room:same\":\"" + seen + "\"}")) {
            assertEquals("ready", client.awaitFrame());
            assertEquals(0, resumed(client).getJsonObject("recovered").getInt("room:same"));
        }
    }

    @Test
    void aPositionOlderThanTheHistoryFromAnotherEpochOrRoomOrNeverGivenIsUnavailable() throws Exception {
        String first;
        try (TestClient client = connect("rooms=old", null)) {
            client.awaitFrame();
            broadcast("old", "o0");
            first = Kept.of(client.awaitFrame()).at().get("room:old");
        }
        for (int i = 1; i <= 6; i++) { // the channel keeps 5: o1..o6 push o0 and o1 out
            broadcast("old", "o" + i);
        }
        String epoch = first.split(":")[0];
        long offset = Long.parseLong(first.split(":")[1]);
        String foreign;
        try (TestClient other = connect("rooms=elsewhere", null)) {
            other.awaitFrame();
            broadcast("elsewhere", "e1");
            foreign = Kept.of(other.awaitFrame()).at().get("room:elsewhere");
        }
        // Just inside: the client saw o1, so o2..o6, all kept, are what it missed.
        try (TestClient client = connect("rooms=old", "{\"room:old\":\"" + epoch + ":" + (offset + 1) + "\"}")) {
            for (int i = 2; i <= 6; i++) {
                assertEquals("o" + i, Kept.of(client.awaitFrame()).text());
            }
            client.awaitFrame();
            assertEquals(5, resumed(client).getJsonObject("recovered").getInt("room:old"));
        }
        Map<String, String> unavailable = Map.of(
                "older than the history", epoch + ":" + offset,
                "another epoch", "zz9" + epoch + ":" + (offset + 6),
                "an offset never given", epoch + ":" + (offset + 7),
                "another room's position", foreign);
        for (Map.Entry<String, String> position : unavailable.entrySet()) {
            try (TestClient client = connect("rooms=old", "{\"room:old\":\"" + position.getValue() + "\"}")) {
                assertEquals("ready", client.awaitFrame(), position.getKey() + ": nothing replayed");
                JsonObject answer = resumed(client);
                assertEquals(
                        "unavailable", answer.getJsonObject("impossible").getString("room:old"), position.getKey());
                assertTrue(answer.getJsonObject("recovered").isEmpty());
            }
        }
    }

    @Test
    void malformedPositionsAndRequestsAreAnsweredNeverThrown() throws Exception {
        Map<String, String> malformed = Map.of(
                "not json", "room:x",
                "an array", "[\"room:x\"]",
                "a nested object", "{\"room:x\":{\"a\":1}}");
        for (Map.Entry<String, String> request : malformed.entrySet()) {
            try (TestClient client = connect("rooms=x", request.getValue())) {
                assertEquals("ready", client.awaitFrame(), request.getKey());
                assertEquals(
                        "malformed", resumed(client).getJsonObject("impossible").getString("*"), request.getKey());
            }
        }
        String positions = "{\"room:x\":\"-5\",\"room:y\":\"abc:99999999999999999999\",\"room:z\":7,"
                + "\"lobby\":\"abc:1\",\"user:u\":\"ABC:1\"}";
        try (TestClient client = connect("rooms=x,y,z", positions)) {
            assertEquals("ready", client.awaitFrame());
            JsonObject impossible = resumed(client).getJsonObject("impossible");
            for (String stream : List.of("room:x", "room:y", "room:z", "lobby", "user:u")) {
                assertEquals("malformed", impossible.getString(stream), stream);
            }
            client.send("say x still works");
            assertEquals("still works", Kept.of(client.awaitFrame()).text());
        }
    }

    @Test
    void aStreamTheNewConnectionDoesNotJoinIsNeverReplayed() throws Exception {
        String seen;
        try (TestClient insider = connect("rooms=secret", null)) {
            insider.awaitFrame();
            broadcast("secret", "s1");
            seen = Kept.of(insider.awaitFrame()).at().get("room:secret");
            broadcast("secret", "s2");
            insider.awaitFrame();
        }
        try (TestClient outsider = connect("rooms=public", "{\"room:secret\":\"" + seen + "\"}")) {
            assertEquals("ready", outsider.awaitFrame(), "nothing of the secret room");
            JsonObject answer = resumed(outsider);
            assertEquals("not_joined", answer.getJsonObject("impossible").getString("room:secret"));
            outsider.assertNoMoreEvents(QUIET);
        }
    }

    @Test
    void aBroadcastKeptInTwoRoomsIsReplayedOnce() throws Exception {
        Kept last;
        try (TestClient client = connect("rooms=twin-a,twin-b", null)) {
            client.awaitFrame();
            registry()
                    .rooms("twin-a", "twin-b")
                    .broadcast("both")
                    .toCompletableFuture()
                    .get();
            last = Kept.of(client.awaitFrame());
            assertEquals(2, last.at().size(), "a position in each room: " + last.at());
        }
        registry()
                .rooms("twin-a", "twin-b")
                .broadcast("both again")
                .toCompletableFuture()
                .get();
        String resume = "{\"room:twin-a\":\"" + last.at().get("room:twin-a") + "\",\"room:twin-b\":\""
                + last.at().get("room:twin-b") + "\"}";
        try (TestClient client = connect("rooms=twin-a,twin-b", resume)) {
            assertEquals("both again", Kept.of(client.awaitFrame()).text());
            assertEquals("ready", client.awaitFrame(), "once, though kept in both");
            JsonObject recovered = resumed(client).getJsonObject("recovered");
            assertEquals(1, recovered.getInt("room:twin-a") + recovered.getInt("room:twin-b"));
        }
    }

    @Test
    void aUsersStreamIsResumedWhenTheConnectionIsIdentified() throws Exception {
        String seen;
        try (TestClient tab = connect("user=ann", null)) {
            tab.awaitFrame();
            registry().user("ann").broadcast("for ann 1").toCompletableFuture().get();
            seen = Kept.of(tab.awaitFrame()).at().get("user:ann");
        }
        Eventually.await(
                "ann's tab has gone", () -> registry().connectionsOf("ann").isEmpty());
        registry().user("ann").broadcast("for ann 2").toCompletableFuture().get();
        try (TestClient tab = connect("user=ann", "{\"user:ann\":\"" + seen + "\"}")) {
            assertEquals("for ann 2", Kept.of(tab.awaitFrame()).text());
            assertEquals("ready", tab.awaitFrame());
            assertEquals(1, resumed(tab).getJsonObject("recovered").getInt("user:ann"));
        }
    }

    @Test
    void aResumeNamesAtMostTheBoundOfStreams() throws Exception {
        for (int streams : new int[] {History.MAX_RESUMED_STREAMS, History.MAX_RESUMED_STREAMS + 1}) {
            String request = IntStream.range(0, streams)
                    .mapToObj(i -> "\"room:b" + i + "\":\"e:1\"")
                    .collect(Collectors.joining(",", "{", "}"));
            try (TestClient client = connect("rooms=b0", request)) {
                assertEquals("ready", client.awaitFrame());
                JsonObject impossible = resumed(client).getJsonObject("impossible");
                assertEquals("unavailable", impossible.getString("room:b0"));
                assertEquals("not_joined", impossible.getString("room:b99"));
                if (streams > History.MAX_RESUMED_STREAMS) {
                    assertEquals("too_many", impossible.getString("*"));
                    assertEquals(History.MAX_RESUMED_STREAMS + 1, impossible.size());
                } else {
                    assertEquals(History.MAX_RESUMED_STREAMS, impossible.size(), "just under: each answered");
                }
            }
        }
    }

    @Test
    void nothingIsLostOrRepeatedWhileAPublisherKeepsBroadcastingThroughAReconnect() throws Exception {
        int total = 3_000;
        Registry<WidelyKeptChannel> wide = server.registry(WidelyKeptChannel.class);
        Thread publisher = new Thread(() -> {
            for (int i = 1; i <= total; i++) {
                wide.room("busy").broadcast(Integer.toString(i));
            }
        });
        List<String> received = new ArrayList<>();
        String seen = null;
        try (TestClient client = TestClient.connect(server.webSocketUri("/widely"))) {
            assertEquals("ready", client.awaitFrame());
            publisher.start();
            while (received.size() < 300) {
                Kept kept = Kept.of(client.awaitFrame());
                received.add(kept.text());
                seen = kept.at().get("room:busy");
            }
        } // closed in the middle of the stream: what was in flight is lost to this connection
        try (TestClient client = TestClient.connect(uri("/widely", "x=1", "{\"room:busy\":\"" + seen + "\"}"))) {
            while (!received.get(received.size() - 1).equals(Integer.toString(total))) {
                String frame = client.awaitFrame();
                if (frame.startsWith("{\"type\":\"channels:message\"")) {
                    received.add(Kept.of(frame).text());
                }
            }
        }
        publisher.join();
        List<String> expected =
                IntStream.rangeClosed(1, total).mapToObj(Integer::toString).toList();
        assertEquals(expected, received, "every message once, in order, across the two connections");
    }

    @Test
    void aStreamWithNothingYoungEnoughIsGivenUpAndComesBackWithANewEpoch() throws Exception {
        String seen;
        try (TestClient client = TestClient.connect(server.webSocketUri("/briefly"))) {
            client.awaitFrame();
            server.registry(BrieflyKeptChannel.class)
                    .room("r")
                    .broadcast("soon old")
                    .toCompletableFuture()
                    .get();
            seen = Kept.of(client.awaitFrame()).at().get("room:r");
        }
        String resume = "{\"room:r\":\"" + seen + "\"}";
        Eventually.await("the message has aged out of the one-second history", () -> {
            try (TestClient client = TestClient.connect(uri("/briefly", "x=1", resume))) {
                return untilResumed(client).getJsonObject("impossible").containsKey("room:r");
            }
        });
        try (TestClient client = TestClient.connect(uri("/briefly", "x=1", resume))) {
            assertEquals(
                    "unavailable",
                    untilResumed(client).getJsonObject("impossible").getString("room:r"));
            server.registry(BrieflyKeptChannel.class)
                    .room("r")
                    .broadcast("new")
                    .toCompletableFuture()
                    .get();
            Kept fresh = Kept.of(client.awaitFrame());
            assertEquals("new", fresh.text());
            assertNotEquals(seen.split(":")[0], fresh.at().get("room:r").split(":")[0], "a new epoch");
        }
    }
}
