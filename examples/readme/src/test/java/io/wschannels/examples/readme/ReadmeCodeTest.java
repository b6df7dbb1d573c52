package io.wschannels.examples.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wschannels.testkit.ChannelTester;
import io.wschannels.testkit.TestConnection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's channels do what the README says they do. */
class ReadmeCodeTest {

    @Test
    void theFirstChannelWelcomesRefusesLongRoomNamesAndBroadcastsToItsRoom() {
        try (ChannelTester tester = ChannelTester.of(ChatChannel.class)) {
            TestConnection ann = tester.connect("/chat/lobby");
            assertEquals("Welcome to room lobby", ann.awaitText());
            TestConnection bob = tester.connect("/chat/lobby");
            bob.awaitText();
            bob.message("hello");
            assertEquals("hello", ann.awaitText());
            assertEquals("hello", bob.awaitText());
            bob.message("x".repeat(1001));
            bob.awaitError("Message too long");
            tester.connect("/chat/" + "r".repeat(41))
                    .assertClosed(1008, "{\"type\":\"error\",\"message\":\"Room name too long\"}");
        }
    }

    @Test
    void theGameAnswersMovesHintsAndInvalidMovesByRef() {
        try (ChannelTester tester = ChannelTester.of(GameChannel.class, Game.class)) {
            TestConnection player = tester.connect("/game/g1");
            player.message("{\"type\":\"move\",\"ref\":7,\"from\":\"e2\",\"to\":\"e4\",\"piece\":\"pawn\"}");
            player.assertSentJson("{\"type\":\"reply\",\"ref\":7,\"data\":{\"pieces\":{\"e4\":\"pawn\"}}}");
            player.message("{\"type\":\"move\",\"ref\":8,\"from\":\"e2\",\"to\":\"e4\",\"piece\":\"pawn\"}");
            player.assertSentJson(
                    "{\"type\":\"error\",\"message\":\"Invalid move\",\"code\":\"invalid_move\",\"ref\":8}");
            player.message("{\"type\":\"hint\",\"ref\":\"h\"}");
            player.assertSentJson("{\"type\":\"reply\",\"ref\":\"h\",\"data\":\"e2-e4\"}");
        }
    }

    @Test
    void theMetricsChannelSavesItsSamplesInBatches() {
        try (ChannelTester tester = ChannelTester.of(MetricsChannel.class, SampleStore.class)) {
            TestConnection sensor = tester.connect("/metrics");
            sensor.message("1").message("2").message("3");
            sensor.close();
            assertEquals(List.of("1", "2", "3"), tester.bean(SampleStore.class).saved());
        }
    }

    @Test
    void presenceTellsTheLobbyWhoIsThere() {
        try (ChannelTester tester = ChannelTester.of(PresentChannel.class)) {
            TestConnection ann = tester.connect("/lobby?user=ann&name=Ann");
            ann.assertSentJson("{\"type\":\"presence_diff\",\"joins\":{\"ann\":[{\"name\":\"Ann\"}]}}");
            ann.assertSentJson("{\"ann\":[{\"name\":\"Ann\"}]}");
        }
    }
}
