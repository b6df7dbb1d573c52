package io.wschannels.examples.game;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wschannels.testing.RunningServer;
import io.wschannels.testing.TestClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The game on a real server with real clients: the Azu manual's scenarios and every refusal. */
class GameChannelTest {

    @RegisterExtension
    static final RunningServer server = RunningServer.discovering();

    private static int games;

    /** A freshly opened game. */
    private static String game() {
        String id = "g" + (++games);
        server.bean(Games.class).open(id);
        return id;
    }

    private static TestClient player(String game) {
        return TestClient.connect(server.webSocketUri("/game/" + game));
    }

    private static JsonObject join(TestClient client, String name, String color) {
        client.send(
                "{\"type\":\"join_game\",\"ref\":\"j\",\"player_name\":\"" + name + "\",\"color\":\"" + color + "\"}");
        JsonObject reply = client.awaitJson("reply");
        assertEquals("j", reply.getString("ref"));
        return reply.getJsonObject("data");
    }

    @Test
    void twoPlayersJoinMoveInTurnAndChat() {
        String game = game();
        try (TestClient ann = player(game);
                TestClient bob = player(game)) {
            assertEquals("white", join(ann, "Ann", "white").getString("color"));
            JsonObject joined = join(bob, "Bob", "black");
            assertEquals("[\"Ann\",\"Bob\"]", joined.getJsonArray("players").toString());
            assertEquals("Bob", ann.awaitJson("player_joined").getString("player"));

            ann.send("{\"type\":\"move\",\"ref\":1,\"from\":\"e2\",\"to\":\"e4\",\"piece\":\"pawn\"}");
            assertEquals("e4", ann.awaitJson("reply").getJsonObject("data").getString("to"));
            JsonObject seen = bob.awaitJson("move");
            assertEquals("Ann", seen.getString("player"));
            assertEquals("e2", seen.getString("from"));

            bob.send("{\"type\":\"chat\",\"message\":\"good luck\"}");
            assertEquals("good luck", ann.awaitJson("chat").getString("message"));
            assertEquals("Bob", bob.awaitJson("chat").getString("player"));
        }
    }

    @Test
    void aGameThatDoesNotExistIsNotFound() {
        try (TestClient client = player("nowhere")) {
            client.send("{\"type\":\"join_game\",\"ref\":\"x\",\"player_name\":\"Ann\",\"color\":\"white\"}");
            JsonObject error = client.awaitError("Game not found");
            assertEquals("game_not_found", error.getString("code"));
            assertEquals("x", error.getString("ref"));
        }
    }

    @Test
    void aThirdPlayerFindsTheGameFull() {
        String game = game();
        try (TestClient ann = player(game);
                TestClient bob = player(game);
                TestClient cyd = player(game)) {
            join(ann, "Ann", "white");
            join(bob, "Bob", "black");
            cyd.send("{\"type\":\"join_game\",\"player_name\":\"Cyd\",\"color\":\"white\"}");
            assertEquals("game_full", cyd.awaitError("Game is full").getString("code"));
        }
    }

    @Test
    void movesOutOfTurnOrOffTheBoardAreInvalid() {
        String game = game();
        try (TestClient ann = player(game);
                TestClient bob = player(game)) {
            join(ann, "Ann", "white");
            join(bob, "Bob", "black");
            ann.awaitJson("player_joined");
            bob.send("{\"type\":\"move\",\"from\":\"e7\",\"to\":\"e5\",\"piece\":\"pawn\"}");
            bob.awaitError("Invalid move");
            ann.send("{\"type\":\"move\",\"from\":\"e2\",\"to\":\"z9\",\"piece\":\"pawn\"}");
            ann.awaitError("Invalid move");
            ann.send("{\"type\":\"move\",\"from\":\"e2\",\"to\":\"e4\"}");
            ann.awaitError("Validation failed: piece must not be blank");
        }
    }

    @Test
    void chatMessagesOfUpTo200CharactersPassAndLongerOnesAreRefused() {
        String game = game();
        try (TestClient ann = player(game)) {
            join(ann, "Ann", "white");
            ann.send("{\"type\":\"chat\",\"message\":\"" + "x".repeat(200) + "\"}");
            assertEquals(200, ann.awaitJson("chat").getString("message").length());
            ann.send("{\"type\":\"chat\",\"message\":\"" + "x".repeat(201) + "\"}");
            assertEquals(
                    "validation_failed",
                    ann.awaitError("Validation failed: message size must be between 0 and 200")
                            .getString("code"));
        }
    }

    @Test
    void onlyPlayersMayMoveOrChatAndMalformedMessagesAreAnswered() {
        String game = game();
        try (TestClient spectator = player(game)) {
            spectator.send("{\"type\":\"chat\",\"message\":\"hi\"}");
            spectator.awaitError("Access denied: join the game first");
            spectator.send("{\"type\":\"castle\"}");
            spectator.awaitError("Unknown message type: castle");
            spectator.send("not json");
            spectator.awaitError("Invalid JSON format");
            spectator.send("{\"type\":\"join_game\",\"player_name\":\"Dee\",\"color\":\"green\"}");
            spectator.awaitError("Validation failed: color must be white or black");
            spectator.send("{\"type\":\"join_game\",\"player_name\":{\"first\":\"Dee\"},\"color\":\"white\"}");
            spectator.awaitError("Invalid message format: 'player_name' must be a string, not an object");
        }
    }

    @Test
    void leavingTellsTheOthersAndFreesTheSeat() {
        String game = game();
        try (TestClient ann = player(game);
                TestClient bob = player(game)) {
            join(ann, "Ann", "white");
            join(bob, "Bob", "black");
            ann.awaitJson("player_joined");
            bob.send("{\"type\":\"leave_game\",\"ref\":\"l\"}");
            assertEquals("left", bob.awaitJson("reply").getJsonObject("data").getString("type"));
            assertEquals("Bob", ann.awaitJson("player_left").getString("player"));
            try (TestClient cyd = player(game)) {
                assertEquals("black", join(cyd, "Cyd", "black").getString("color"));
            }
            assertEquals("Cyd", ann.awaitJson("player_joined").getString("player"));
            assertEquals("Cyd", ann.awaitJson("player_left").getString("player"), "closing the tab leaves too");
            ann.assertNoMoreEvents(Duration.ofMillis(100));
        }
    }
}
