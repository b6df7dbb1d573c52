package io.wschannels.examples.chat;

import io.wschannels.testkit.ChannelTester;
import io.wschannels.testkit.TestConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The chat channel in unit tests: no server, no network, milliseconds per test. */
// tag::unit-test[]
class ChatChannelUnitTest {

    private ChannelTester tester;

    @BeforeEach
    void start() {
        tester = ChannelTester.of(ChatChannel.class); // Weld in this JVM, just these beans
    }

    @AfterEach
    void stop() {
        tester.close();
    }

    @Test
    void membersOfARoomChatAndSeeEachOtherComeAndGo() {
        TestConnection ann = tester.connect("/chat/lobby?name=ann");
        ann.assertSentJson("{\"type\":\"system\",\"message\":\"Welcome to room lobby\",\"count\":1}");

        TestConnection bob = tester.connect("/chat/lobby?name=bob");
        bob.assertSentJson("{\"type\":\"system\",\"count\":2}");
        ann.assertSentJson("{\"type\":\"user_joined\",\"count\":2}");

        bob.message("{\"type\":\"chat_message\",\"message\":\"Hello!\"}");
        ann.assertSentJson("{\"type\":\"chat_message\",\"message\":\"Hello!\",\"user_id\":\"bob\"}");
        bob.assertSentJson("{\"type\":\"chat_message\",\"user_id\":\"bob\"}");

        ann.message("{\"type\":\"typing_start\"}");
        bob.assertSentJson("{\"type\":\"user_typing\",\"user_id\":\"ann\"}");
        ann.assertNothingMoreSent(); // typing goes to the others only

        bob.close();
        ann.assertSentJson("{\"type\":\"user_left\",\"count\":1}");
    }
}
// end::unit-test[]
