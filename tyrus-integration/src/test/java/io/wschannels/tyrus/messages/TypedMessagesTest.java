package io.wschannels.tyrus.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.testing.RunningServer;
import io.wschannels.testing.TestClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code @Handle} methods on the standalone server, with Hibernate Validator, driven by a real client. */
class TypedMessagesTest {

    @RegisterExtension
    static final RunningServer server = RunningServer.with(builder -> builder.beanClasses(TypedChannel.class));

    private static TestClient client() {
        return TestClient.connect(server.webSocketUri("/typed"));
    }

    @Test
    void theReturnValueAnswersARequestWithItsRef() {
        try (TestClient client = client()) {
            client.send("{\"type\":\"sum\",\"ref\":\"r1\",\"a\":2,\"b\":3}");
            assertEquals("{\"type\":\"reply\",\"ref\":\"r1\",\"data\":5}", client.awaitText());
            client.send("{\"type\":\"sum\",\"ref\":42,\"a\":1,\"b\":1}");
            assertEquals(
                    "{\"type\":\"reply\",\"ref\":42,\"data\":2}", client.awaitText(), "a numeric ref stays a number");
            client.send("{\"type\":\"echo\",\"ref\":\"r2\",\"text\":\"hi\",\"tags\":[\"a\"]}");
            assertEquals(
                    "{\"type\":\"reply\",\"ref\":\"r2\",\"data\":{\"tags\":[\"a\"],\"text\":\"hi\"}}",
                    client.awaitText());
        }
    }

    @Test
    void withoutARefTheReturnValueIsSentAsItIsAndVoidAnswersNothing() {
        try (TestClient client = client()) {
            client.send("{\"type\":\"sum\",\"a\":2,\"b\":3}");
            assertEquals("5", client.awaitText());
            client.send("{\"type\":\"ping\",\"ref\":\"p\"}");
            assertEquals("pong", client.awaitText());
            client.assertNoMoreEvents(Duration.ofMillis(100));
        }
    }

    @Test
    void aStageAnswersAfterTheHandlerReturnedAndItsFailureCarriesTheRef() {
        try (TestClient client = client()) {
            client.send("{\"type\":\"later\",\"ref\":\"t\",\"text\":\"go\"}");
            client.send("{\"type\":\"sum\",\"ref\":\"s\",\"a\":1,\"b\":2}");
            // The sum is answered first: the later answer leaves when its stage completes.
            assertEquals("{\"type\":\"reply\",\"ref\":\"s\",\"data\":3}", client.awaitText());
            assertEquals("{\"type\":\"reply\",\"ref\":\"t\",\"data\":\"go!\"}", client.awaitText());
            client.send("{\"type\":\"later_refusal\",\"ref\":\"lr\"}");
            JsonObject refused = client.awaitError("You asked for it");
            assertEquals("lr", refused.getString("ref"));
            assertEquals("asked", refused.getString("code"));
        }
    }

    @Test
    void aThrownChannelExceptionIsTheErrorOfThatRequest() {
        try (TestClient client = client()) {
            client.send("{\"type\":\"explicit_error\",\"ref\":\"e\"}");
            JsonObject error = client.awaitError("You asked for it");
            assertEquals("e", error.getString("ref"));
            assertEquals("asked", error.getString("code"));
        }
    }

    @Test
    void anAnswerThatCannotBeSerializedIsAnInternalErrorForThatRequest() {
        try (TestClient client = client()) {
            client.send("{\"type\":\"unserializable\",\"ref\":\"u\"}");
            JsonObject error = client.awaitError("Internal server error");
            assertEquals("u", error.getString("ref"));
            assertEquals("internal_error", error.getString("code"));
        }
    }

    @Test
    void malformedMessagesAreAnsweredWithTheRightErrorAndTheConnectionStays() {
        try (TestClient client = client()) {
            client.send("{not json");
            assertEquals(
                    "invalid_json", client.awaitError("Invalid JSON format").getString("code"));
            client.send("[1,2]");
            client.awaitError("Invalid JSON format");
            client.send("{\"type\":\"fly\",\"ref\":\"u\"}");
            JsonObject unknown = client.awaitError("Unknown message type: fly");
            assertEquals("unknown_type", unknown.getString("code"));
            assertEquals("u", unknown.getString("ref"));
            client.send("{\"a\":1}");
            client.awaitError("Unknown message type: (none: the message has no \"type\")");
            client.send("{\"type\":\"sum\",\"ref\":\"f\",\"a\":\"two\",\"b\":3}");
            JsonObject format = client.awaitJson("error");
            assertEquals("Invalid message format: 'a' must be a number", format.getString("message"));
            assertEquals("invalid_format", format.getString("code"));
            assertEquals("f", format.getString("ref"));
            client.send("{\"type\":\"echo\",\"text\":{\"x\":1}}");
            client.awaitError("Invalid message format: 'text' must be a string, not an object");
            client.send("{\"type\":\"echo\",\"text\":\"x\",\"tags\":\"a\"}");
            client.awaitError("Invalid message format: 'tags' must be an array, not a string");
            client.send("{\"type\":\"sum\",\"a\":2,\"b\":3}");
            assertEquals("5", client.awaitText(), "still connected and answering");
        }
    }

    @Test
    void beanValidationRunsOnDecodedMessages() {
        try (TestClient client = client()) {
            client.send("{\"type\":\"echo\",\"ref\":\"v\",\"text\":\"\"}");
            JsonObject blank = client.awaitError("Validation failed: text must not be blank");
            assertEquals("validation_failed", blank.getString("code"));
            assertEquals("v", blank.getString("ref"));
            client.send("{\"type\":\"echo\",\"text\":\"x\",\"tags\":[\"a\",\"b\",\"c\",\"d\"]}");
            client.awaitError("Validation failed: tags size must be between 0 and 3");
            client.send("{\"type\":\"echo\",\"text\":\" \",\"tags\":[\"a\",\"b\",\"c\",\"d\"]}");
            client.awaitError("Validation failed: tags size must be between 0 and 3, text must not be blank");
            // Just under the limit: three tags pass.
            client.send("{\"type\":\"echo\",\"text\":\"x\",\"tags\":[\"a\",\"b\",\"c\"]}");
            assertEquals("{\"tags\":[\"a\",\"b\",\"c\"],\"text\":\"x\"}", client.awaitText());
        }
    }

    @Test
    void exceptionsAreMappedAsInTheAzuManualsRobustChannel() {
        try (TestClient client = client()) {
            client.send("{\"type\":\"invalid\",\"ref\":1}");
            JsonObject invalid = client.awaitError("Validation failed: e2-e5 is not a move");
            assertEquals("validation_failed", invalid.getString("code"));
            assertEquals(1, invalid.getInt("ref"));
            client.send("{\"type\":\"deny\"}");
            assertEquals(
                    "access_denied",
                    client.awaitError("Access denied: not your game").getString("code"));
            client.send("{\"type\":\"custom\"}");
            assertEquals("game_not_found", client.awaitError("Game not found").getString("code"));
            client.send("{\"type\":\"boom\",\"ref\":\"b\"}");
            String text = client.awaitText();
            assertTrue(text.contains("\"message\":\"Internal server error\"") && text.contains("\"ref\":\"b\""), text);
            assertFalse(text.contains("secret detail"), "the exception's text never reaches the client");
            client.send("{\"type\":\"sum\",\"a\":1,\"b\":2}");
            assertEquals("3", client.awaitText());
        }
    }

    @Test
    void theBrowserClientsHeartbeatIsAnsweredByTheRuntimeWithoutReachingTheChannel() {
        try (TestClient client = client()) {
            client.send("{\"type\":\"channels:heartbeat\"}");
            // A typed channel would have answered "Unknown message type" had the message reached it.
            assertEquals("{\"type\":\"channels:heartbeat\"}", client.awaitText());
            client.assertNoMoreEvents(Duration.ofMillis(100));
        }
    }
}
