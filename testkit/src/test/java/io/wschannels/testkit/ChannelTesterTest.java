package io.wschannels.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kit on its own: CDI and plain new, rooms and broadcasts, typed messages, refusals, limits. */
class ChannelTesterTest {

    @Test
    void withCdiConnectionsShareRoomsAndSeeEachOthersBroadcasts() {
        try (ChannelTester tester = ChannelTester.of(LobbyChannel.class)) {
            TestConnection ann = tester.connect("/lobby/red?name=ann", Map.of("User-Agent", "kit"));
            ann.assertSentJson("{\"type\":\"welcome\",\"room\":\"red\",\"count\":1,\"agent\":\"kit\"}");
            TestConnection bob = tester.connect("/lobby/red?name=bob");
            TestConnection cyd = tester.connect("/lobby/blue?name=cyd");
            bob.assertSentJson("{\"type\":\"welcome\",\"count\":2}");
            ann.assertSentJson("{\"type\":\"joined\",\"name\":\"bob\"}");

            bob.message("{\"type\":\"say\",\"ref\":1,\"text\":\"hello\"}");
            bob.assertSentJson("{\"type\":\"reply\",\"ref\":1,\"data\":{\"delivered\":true}}");
            assertEquals("hello", ann.awaitMessage("said").getString("text"));
            cyd.awaitMessage("welcome");
            cyd.assertNothingMoreSent();

            bob.close();
            ann.assertSentJson("{\"type\":\"left\",\"name\":\"bob\",\"code\":1000}");
            assertEquals(2, tester.openConnections());
            assertEquals(1, tester.registry(LobbyChannel.class).count("red"));
        }
    }

    @Test
    void withNewTheTestMakesEachChannelAndHandsItTheRegistry() {
        try (ChannelTester tester = ChannelTester.withoutCdi(LobbyChannel.class)) {
            TestConnection ann =
                    tester.connect(new LobbyChannel(tester.registry(LobbyChannel.class)), "/lobby/red?name=ann");
            TestConnection bob =
                    tester.connect(new LobbyChannel(tester.registry(LobbyChannel.class)), "/lobby/red?name=bob");
            ann.awaitMessage("welcome");
            assertEquals("bob", ann.awaitMessage("joined").getString("name"));
            bob.awaitMessage("welcome");
            bob.message("{\"type\":\"say\",\"text\":\"hi\"}");
            bob.assertSentJson("{\"delivered\":true}");
            assertEquals("hi", ann.awaitMessage("said").getString("text"));
            bob.drop();
            ann.assertSentJson("{\"type\":\"left\",\"name\":\"bob\",\"code\":1006}");
        }
    }

    @Test
    void theRuntimesAnswersAreTheRealOnes() {
        try (ChannelTester tester = ChannelTester.of(LobbyChannel.class)) {
            TestConnection nameless = tester.connect("/lobby/red");
            nameless.assertClosed(1008, "{\"type\":\"error\",\"message\":\"Name required\"}");
            assertFalse(nameless.isOpen());
            assertThrows(IllegalStateException.class, () -> nameless.message("hello"));

            TestConnection ann = tester.connect("/lobby/red?name=ann");
            ann.awaitMessage("welcome");
            ann.message("{\"type\":\"say\",\"ref\":\"r\",\"text\":\"\"}");
            JsonObject invalid = ann.awaitError("Validation failed: text size must be between 1 and 20");
            assertEquals("r", invalid.getString("ref"));
            ann.message("{\"type\":\"dance\"}");
            ann.awaitError("Unknown message type: dance");
            ann.binary(new byte[] {1, 2, 3});
            assertArrayEquals(new byte[] {1, 2, 3}, ann.awaitBinary());
            ann.message("x".repeat(257));
            ann.assertClosed(1009, "Message too big: the limit is 256 bytes");
        }
    }

    @Test
    void aRouteNoChannelServesIsNamedWithTheRoutesThatExist() {
        try (ChannelTester tester = ChannelTester.of(LobbyChannel.class)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tester.connect("/lobbies"));
            assertEquals("No channel listens on /lobbies; the routes are [/lobby/{room}]", e.getMessage());
        }
    }

    @Test
    void invalidChannelsFailAsOnAServer() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> ChannelTester.withoutCdi(Unrouted.class));
        assertTrue(e.getMessage().startsWith("Channel deployment failed with 1 problem:"), e.getMessage());
    }

    /** A channel without a route. */
    public static class Unrouted extends io.wschannels.Channel {}

    @Test
    void closingTheTesterEndsTheOpenConnections() {
        TestConnection ann;
        try (ChannelTester tester = ChannelTester.of(LobbyChannel.class)) {
            ann = tester.connect("/lobby/red?name=ann");
            ann.awaitMessage("welcome");
        }
        ann.assertClosed(1001, "Test finished");
    }
}
