package io.wschannels.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wschannels.testing.TestClient;
import io.wschannels.tyrus.ChannelServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The kit behaves as the real server does: one scenario, played against the standalone server
 * with real WebSocket clients and against the kit, must produce the same transcript.
 */
class SameAsTheServerTest {

    /** One client, as the scenario sees it; {@code next} returns what it received, normalized. */
    interface Peer {
        void text(String text);

        void binary(byte[] data);

        String next();

        void close();
    }

    /** Rooms, broadcasts, request/reply, every kind of error, a refusal, a limit, a close. */
    static List<String> scenario(Function<String, Peer> connect) {
        List<String> transcript = new ArrayList<>();
        Peer ann = connect.apply("/lobby/red?name=ann");
        transcript.add("ann " + ann.next());
        Peer bob = connect.apply("/lobby/red?name=bob");
        transcript.add("bob " + bob.next());
        transcript.add("ann " + ann.next());
        bob.text("{\"type\":\"say\",\"ref\":1,\"text\":\"hello\"}");
        transcript.add("bob " + bob.next());
        transcript.add("ann " + ann.next());
        bob.text("{\"type\":\"say\",\"ref\":\"r\",\"text\":\"\"}");
        transcript.add("bob " + bob.next());
        bob.text("{\"type\":\"dance\",\"ref\":\"d\"}");
        transcript.add("bob " + bob.next());
        bob.text("{\"type\":\"say\",\"text\":[]}");
        transcript.add("bob " + bob.next());
        bob.text("not json");
        transcript.add("bob " + bob.next());
        bob.binary(new byte[] {1, 2, 3});
        transcript.add("bob " + bob.next());
        Peer nameless = connect.apply("/lobby/red");
        transcript.add("nameless " + nameless.next());
        bob.text("x".repeat(257));
        transcript.add("bob " + bob.next());
        transcript.add("ann " + ann.next());
        ann.close();
        return transcript;
    }

    /** JSON with sorted keys and no timestamps or user agents (they differ between runs and clients). */
    static String normalize(String text) {
        if (!text.startsWith("{")) {
            return text;
        }
        JsonObject object = Json.createReader(new StringReader(text)).readObject();
        TreeMap<String, JsonValue> sorted = new TreeMap<>(object);
        sorted.remove("timestamp");
        sorted.remove("agent");
        return sorted.toString();
    }

    /** A peer from what a client can do; {@code next} already describes what arrived. */
    static Peer peer(
            java.util.function.Consumer<String> text,
            java.util.function.Consumer<byte[]> binary,
            java.util.function.Supplier<String> next,
            Runnable close) {
        return new Peer() {
            @Override
            public void text(String message) {
                text.accept(message);
            }

            @Override
            public void binary(byte[] data) {
                binary.accept(data);
            }

            @Override
            public String next() {
                return next.get();
            }

            @Override
            public void close() {
                close.run();
            }
        };
    }

    /** One line of a transcript: a text normalized, a binary message, or a close. */
    static String describe(String text, byte[] binary, int closeCode, String closeReason) {
        return text != null
                ? normalize(text)
                : binary != null ? "binary " + Arrays.toString(binary) : "close " + closeCode + " " + closeReason;
    }

    @Test
    void theKitAndTheServerAnswerTheSameScenarioAlike() throws Exception {
        List<String> onTheServer;
        try (ChannelServer server =
                ChannelServer.builder().port(0).beanClasses(LobbyChannel.class).start()) {
            onTheServer = scenario(path -> {
                TestClient client = TestClient.connect(server.webSocketUri(path));
                return peer(
                        client::send,
                        client::sendBinary,
                        () -> {
                            TestClient.Event event = client.awaitEvent();
                            return event instanceof TestClient.Text t
                                    ? describe(t.text(), null, 0, null)
                                    : event instanceof TestClient.Binary b
                                            ? describe(null, b.data(), 0, null)
                                            : describe(
                                                    null,
                                                    null,
                                                    ((TestClient.Closed) event).code(),
                                                    ((TestClient.Closed) event).reason());
                        },
                        client::close);
            });
        }
        List<String> inTheKit;
        try (ChannelTester tester = ChannelTester.of(LobbyChannel.class)) {
            inTheKit = scenario(path -> {
                TestConnection connection = tester.connect(path);
                return peer(
                        connection::message,
                        connection::binary,
                        () -> {
                            TestConnection.Sent sent = connection.next();
                            return sent instanceof TestConnection.Text t
                                    ? describe(t.text(), null, 0, null)
                                    : sent instanceof TestConnection.Binary b
                                            ? describe(null, b.data(), 0, null)
                                            : describe(
                                                    null,
                                                    null,
                                                    ((TestConnection.Closed) sent).code(),
                                                    ((TestConnection.Closed) sent).reason());
                        },
                        connection::close);
            });
        }
        assertEquals(onTheServer, inTheKit);
        assertEquals(13, inTheKit.size(), "the scenario ran to its end: " + inTheKit);
    }
}
