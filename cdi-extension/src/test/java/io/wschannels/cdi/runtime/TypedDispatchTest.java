package io.wschannels.cdi.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.AccessDeniedException;
import io.wschannels.Channel;
import io.wschannels.ChannelException;
import io.wschannels.Handle;
import io.wschannels.Route;
import io.wschannels.cdi.FakePeer;
import io.wschannels.cdi.connection.LiveConnection;
import io.wschannels.cdi.metrics.ChannelMetrics;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Typed messages parsed, decoded, validated, dispatched and answered, each failure with the right error. */
class TypedDispatchTest {

    @Route("/typed")
    public static class Typed extends Channel {
        public record Sum(int a, int b) {}

        public record Note(String text) {}

        CompletableFuture<String> later;

        @Handle("sum")
        int sum(Sum sum) {
            return sum.a() + sum.b();
        }

        @Handle("note")
        void note(Note note) {}

        @Handle("later")
        CompletionStage<String> later() {
            later = new CompletableFuture<>();
            return later;
        }

        @Handle("deny")
        void deny() {
            throw new AccessDeniedException("not yours");
        }

        @Handle("boom")
        void boom() {
            throw new IllegalStateException("secret");
        }
    }

    private final FakePeer peer = new FakePeer().readingAtOnce();
    private final Typed channel = new Typed();
    private TypedDispatch dispatch;
    private LiveConnection connection;

    @BeforeEach
    void setUp() {
        // Validation that refuses notes without text, as Bean Validation would with @NotBlank.
        MessageValidation validation =
                value -> value instanceof Typed.Note note && note.text() == null ? "text must not be blank" : null;
        RuntimeFixture fixture = new RuntimeFixture(Typed.class, validation);
        connection = fixture.connection(peer);
        connection.markOpen();
        dispatch = new TypedDispatch(
                fixture.definition.handlers(),
                fixture.json,
                validation,
                new Failures(fixture.definition, new ChannelMetrics()));
    }

    private String answer(String message) {
        int before = peer.written.size();
        dispatch.dispatch(channel, connection, message, null);
        assertEquals(before + 1, peer.written.size(), "one answer to " + message + ": " + peer.written);
        return peer.written.get(before);
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    private JsonObject error(String message) {
        JsonObject error = json(answer(message));
        assertEquals("error", error.getString("type"), error.toString());
        assertTrue(error.containsKey("timestamp"));
        return error;
    }

    @Test
    void theReturnValueAnswersWithTheRequestsRefStringOrNumber() {
        assertEquals(
                "{\"type\":\"reply\",\"ref\":\"r1\",\"data\":5}",
                answer("{\"type\":\"sum\",\"ref\":\"r1\",\"a\":2,\"b\":3}"));
        assertEquals(
                "{\"type\":\"reply\",\"ref\":7,\"data\":2}", answer("{\"type\":\"sum\",\"ref\":7,\"a\":1,\"b\":1}"));
        assertEquals("5", answer("{\"type\":\"sum\",\"a\":2,\"b\":3}"), "without a ref, the value as it is");
    }

    @Test
    void aVoidMethodAnswersNothing() {
        dispatch.dispatch(channel, connection, "{\"type\":\"note\",\"ref\":1,\"text\":\"hi\"}", null);
        assertEquals(List.of(), peer.written);
    }

    @Test
    void aStageAnswersWhenItCompletesAfterTheMethodHasReturned() {
        dispatch.dispatch(channel, connection, "{\"type\":\"later\",\"ref\":\"l\"}", null);
        assertEquals(List.of(), peer.written, "nothing yet");
        channel.later.complete("done");
        assertEquals(List.of("{\"type\":\"reply\",\"ref\":\"l\",\"data\":\"done\"}"), peer.written);
    }

    @Test
    void aFailedStageAnswersWithTheErrorOfItsExceptionAndTheRef() {
        dispatch.dispatch(channel, connection, "{\"type\":\"later\",\"ref\":\"l\"}", null);
        channel.later.completeExceptionally(new ChannelException("Game not found", "game_not_found"));
        JsonObject error = json(peer.written.get(0));
        assertEquals("Game not found", error.getString("message"));
        assertEquals("game_not_found", error.getString("code"));
        assertEquals("l", error.getString("ref"));
        dispatch.dispatch(channel, connection, "{\"type\":\"later\",\"ref\":\"m\"}", null);
        channel.later.completeExceptionally(new IllegalStateException("secret"));
        JsonObject internal = json(peer.written.get(1));
        assertEquals("Internal server error", internal.getString("message"));
        assertEquals("internal_error", internal.getString("code"));
        assertEquals("m", internal.getString("ref"));
    }

    @Test
    void exceptionsAreMappedOnceAndCarryTheRef() {
        JsonObject denied = error("{\"type\":\"deny\",\"ref\":\"d\"}");
        assertEquals("Access denied: not yours", denied.getString("message"));
        assertEquals("access_denied", denied.getString("code"));
        assertEquals("d", denied.getString("ref"));
        JsonObject boom = error("{\"type\":\"boom\",\"ref\":2}");
        assertEquals("Internal server error", boom.getString("message"));
        assertEquals(2, boom.getInt("ref"));
        assertTrue(!boom.toString().contains("secret"), "the exception's text never reaches the client");
    }

    @Test
    void malformedMessagesGetTheirOwnErrors() {
        assertEquals("invalid_json", error("{not json").getString("code"));
        assertEquals("invalid_json", error("[1,2]").getString("code"));
        JsonObject untyped = error("{\"ref\":\"u\"}");
        assertEquals("Unknown message type: (none: the message has no \"type\")", untyped.getString("message"));
        assertEquals("u", untyped.getString("ref"));
        assertEquals("Unknown message type: fly", error("{\"type\":\"fly\"}").getString("message"));
        JsonObject format = error("{\"type\":\"sum\",\"ref\":\"f\",\"a\":\"two\",\"b\":3}");
        assertEquals("Invalid message format: 'a' must be a number", format.getString("message"));
        assertEquals("invalid_format", format.getString("code"));
        assertEquals("f", format.getString("ref"));
        JsonObject invalid = error("{\"type\":\"note\",\"ref\":\"v\"}");
        assertEquals("Validation failed: text must not be blank", invalid.getString("message"));
        assertEquals("validation_failed", invalid.getString("code"));
    }
}
