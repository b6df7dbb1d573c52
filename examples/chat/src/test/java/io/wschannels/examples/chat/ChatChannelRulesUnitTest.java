package io.wschannels.examples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wschannels.testkit.ChannelTester;
import io.wschannels.testkit.TestConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The chat channel's rooms and error answers, in unit tests. */
class ChatChannelRulesUnitTest {

    private ChannelTester tester;

    @BeforeEach
    void start() {
        tester = ChannelTester.of(ChatChannel.class);
    }

    @AfterEach
    void stop() {
        tester.close();
    }

    @Test
    void roomsAreSeparate() {
        TestConnection ann = tester.connect("/chat/lobby?name=ann");
        TestConnection cyd = tester.connect("/chat/kitchen?name=cyd");
        cyd.message("{\"type\":\"chat_message\",\"message\":\"Anyone?\"}");
        assertEquals("Anyone?", cyd.awaitMessage("chat_message").getString("message"));
        ann.awaitMessage("system");
        ann.assertNothingMoreSent();
    }

    @Test
    void badMessagesGetAnErrorAndTheConnectionStays() {
        TestConnection ann = tester.connect("/chat/lobby?name=ann");
        ann.awaitMessage("system");
        ann.message("not json");
        ann.awaitError("Invalid JSON format");
        ann.message("{\"type\":\"dance\"}");
        ann.awaitError("Unknown message type: dance");
        ann.message("{\"type\":\"chat_message\",\"message\":\"   \"}");
        ann.awaitError("Message cannot be empty");
        ann.message("{\"type\":\"ping\"}");
        ann.awaitMessage("pong");
    }

    @Test
    void aRoomNameOutsideTheRulesIsRefusedWithAReason() {
        TestConnection odd = tester.connect("/chat/bad%20room!?name=ann");
        odd.assertClosed(
                1008, "{\"type\":\"error\",\"message\":\"Invalid room name: use 1 to 40 letters, digits or - . _ ~\"}");
        tester.connect("/chat/" + "r".repeat(40) + "?name=ann").awaitMessage("system"); // just within the rule
        tester.connect("/chat/" + "r".repeat(41) + "?name=ann").awaitClose();
    }
}
