package io.wschannels.tyrus.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.wschannels.testing.Eventually;
import io.wschannels.testing.RunningServer;
import io.wschannels.testing.TestClient;
import io.wschannels.testing.Upgrade;
import io.wschannels.tyrus.ChannelServer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Spans of an application that produces an OpenTelemetry bean, on either container: a handshake
 * continues the trace its client named in {@code traceparent}, each handled message is a span of
 * its connection's handshake with its type and outcome (a batch, one), the span is current while the handler runs,
 * a handshake refused before the upgrade is a span with its reason; with OpenTelemetry disabled
 * nothing is traced.
 */
class TracingTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT = "00f067aa0ba902b7";
    private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("wschannels.outcome");
    private static final AttributeKey<String> TYPE = AttributeKey.stringKey("wschannels.message.type");

    @RegisterExtension
    static final RunningServer server = RunningServer.with(
            builder -> builder.beanClasses(TracedChannel.class, TracedBatchChannel.class, Telemetry.class));

    @BeforeEach
    void forget() {
        Telemetry.ENDED.clear();
    }

    private static URI traced(int port) {
        return URI.create("ws://localhost:" + port + "/traced");
    }

    private static Map<String, String> traceparent(String trace) {
        return Map.of("traceparent", "00-" + trace + "-" + PARENT + "-01");
    }

    @Test
    void aHandshakeContinuesTheClientsTraceAndEachHandledMessageIsASpanOfIt() {
        String current;
        try (TestClient client = TestClient.connect(traced(server.port()), traceparent(TRACE))) {
            client.send("{\"type\":\"sum\",\"ref\":1,\"a\":1,\"b\":2}");
            assertTrue(client.awaitText().contains("3"));
            client.send("{\"type\":\"boom\",\"ref\":2}");
            assertTrue(client.awaitText().contains("internal_error"));
            client.send("{\"type\":\"no\",\"ref\":3}");
            assertTrue(client.awaitText().contains("not_now"));
            client.send("not json");
            assertTrue(client.awaitText().contains("invalid_json"));
            client.send("{\"type\":\"current\",\"ref\":4}");
            current = client.awaitText();
        }
        Eventually.await(
                "a handshake and five messages are traced",
                () -> named("process /traced").size() == 5
                        && named("GET /traced").size() == 1);

        SpanData handshake = named("GET /traced").get(0);
        assertEquals(TRACE, handshake.getTraceId(), "continues the client's trace");
        assertEquals(PARENT, handshake.getParentSpanId());
        assertEquals(SpanKind.SERVER, handshake.getKind());
        assertEquals("/traced", handshake.getAttributes().get(AttributeKey.stringKey("http.route")));
        assertEquals("TracedChannel", handshake.getAttributes().get(AttributeKey.stringKey("wschannels.channel")));
        assertEquals("admitted", handshake.getAttributes().get(OUTCOME));

        List<SpanData> messages = named("process /traced");
        for (SpanData message : messages) {
            assertEquals(TRACE, message.getTraceId());
            assertEquals(handshake.getSpanId(), message.getParentSpanId(), "a span of its connection's handshake");
            assertEquals(SpanKind.CONSUMER, message.getKind());
        }
        assertEquals(
                List.of("sum", "boom", "no", "-", "current"),
                messages.stream()
                        .map(m -> m.getAttributes().get(TYPE) == null
                                ? "-"
                                : m.getAttributes().get(TYPE))
                        .toList());
        assertEquals(
                List.of("ok", "error", "rejected", "invalid_json", "ok"),
                messages.stream().map(m -> m.getAttributes().get(OUTCOME)).toList());
        SpanData boom = messages.get(1);
        assertEquals(StatusCode.ERROR, boom.getStatus().getStatusCode());
        assertTrue(
                boom.getEvents().stream().anyMatch(e -> e.getName().equals("exception")), "the exception is recorded");
        assertEquals(StatusCode.UNSET, messages.get(2).getStatus().getStatusCode(), "a refusal is an answer");
        assertTrue(current.contains(messages.get(4).getSpanId()), "the message's span is current in the handler");
    }

    @Test
    void aBatchIsOneSpanOfItsConnection() {
        try (TestClient client = TestClient.connect(
                URI.create("ws://localhost:" + server.port() + "/traced-batch"), traceparent(TRACE))) {
            client.send("a");
            client.send("b");
            client.send("c");
            assertEquals("batch of 3", client.awaitText());
        }
        Eventually.await(
                "the batch is traced",
                () -> named("process /traced-batch").size() == 1
                        && named("GET /traced-batch").size() == 1);
        SpanData batch = named("process /traced-batch").get(0);
        assertEquals("batch", batch.getAttributes().get(TYPE));
        assertEquals("ok", batch.getAttributes().get(OUTCOME));
        assertEquals(named("GET /traced-batch").get(0).getSpanId(), batch.getParentSpanId());
    }

    @Test
    void aHandshakeRefusedBeforeTheUpgradeIsASpanWithItsReason() throws Exception {
        String trace = "0af7651916cd43dd8448eb211c80319c";
        Map<String, String> headers =
                Map.of("Origin", "https://evil.example.com", "traceparent", "00-" + trace + "-" + PARENT + "-01");
        assertEquals(403, Upgrade.request(traced(server.port()), headers).status());
        Eventually.await("the refusal is traced", () -> named("GET /traced").size() == 1, Telemetry.ENDED::toString);
        SpanData refused = named("GET /traced").get(0);
        assertEquals(trace, refused.getTraceId());
        assertEquals("origin", refused.getAttributes().get(OUTCOME));
    }

    @Test
    void withOpenTelemetryDisabledNothingIsTraced() throws Exception {
        try (ChannelServer off = ChannelServer.builder()
                        .port(0)
                        .beanClasses(TracedChannel.class, DisabledTelemetry.class)
                        .start();
                TestClient client = TestClient.connect(traced(off.port()), traceparent(TRACE))) {
            client.send("{\"type\":\"current\",\"ref\":1}");
            assertTrue(client.awaitText().contains("0000000000000000"), "no span is current");
        }
    }

    private static List<SpanData> named(String name) {
        return Telemetry.ENDED.stream().filter(s -> s.getName().equals(name)).toList();
    }
}
