package io.wschannels.tyrus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.testing.RunningServer;
import io.wschannels.testing.TestClient;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The runtime on a real standalone server, driven by the JDK's WebSocket client. */
class ChannelServerTest {

    private static final Duration QUIET = Duration.ofMillis(300);

    @RegisterExtension
    static final RunningServer server = RunningServer.with(builder -> builder.staticFiles("testweb"));

    private static TestClient probe(String pathAndQuery) {
        return TestClient.connect(server.webSocketUri("/probe/" + pathAndQuery));
    }

    @Test
    void discoversEveryChannelInAnAnnotatedBeanArchive() {
        assertEquals(
                List.of(
                        "/binary",
                        "/capped",
                        "/full",
                        "/heartbeat",
                        "/large",
                        "/limited",
                        "/metered/{room}",
                        "/probe/{room}/{user}",
                        "/rooms/{room}",
                        "/slow/{room}",
                        "/small"),
                server.routes());
    }

    @Test
    void pathParamsInBothFormsQueryParamsAndHeadersReachTheChannel() {
        try (TestClient client = TestClient.connect(
                server.webSocketUri("/probe/lobby/ann?q=a%20b&q=c"), Map.of("X-Probe", "from-header"))) {
            JsonObject hello = client.awaitJson("hello");
            assertEquals("/probe/{room}/{user}", hello.getString("route"));
            assertEquals("lobby", hello.getString("room"));
            assertEquals("ann", hello.getString("user"));
            assertEquals("a b", hello.getString("q"));
            assertEquals(List.of("a b", "c"), hello.getJsonArray("qs").getValuesAs(jakarta.json.JsonString::getString));
            assertEquals("lobby", hello.getString("paramRoom"));
            assertEquals("a b", hello.getString("paramQ"));
            assertEquals("from-header", hello.getString("header"));
            assertFalse(hello.getBoolean("upgradeHeaderKept"), "the upgrade's own headers are not kept");
            assertEquals(16, hello.getString("id").length());
        }
    }

    @Test
    void constructorAndFieldInjectionWork() {
        try (TestClient client = probe("lobby/bob")) {
            JsonObject hello = client.awaitJson("hello");
            assertEquals("hello bob", hello.getString("greeting"));
            assertTrue(hello.getInt("instance") > 0);
        }
    }

    @Test
    void everyConnectionGetsItsOwnChannelInstance() {
        try (TestClient first = probe("lobby/a");
                TestClient second = probe("lobby/b")) {
            int one = first.awaitJson("hello").getInt("instance");
            int two = second.awaitJson("hello").getInt("instance");
            assertNotEquals(one, two);
            first.send("instance");
            second.send("instance");
            assertEquals("instance:" + one, first.awaitText());
            assertEquals("instance:" + two, second.awaitText());
        }
    }

    @Test
    void messagesAreDeliveredInOrderAndAnsweredOnTheSameConnection() {
        try (TestClient client = probe("lobby/ann")) {
            client.awaitJson("hello");
            for (int i = 0; i < 200; i++) {
                client.send("m" + i);
            }
            for (int i = 0; i < 200; i++) {
                assertEquals("echo:m" + i, client.awaitText());
            }
        }
    }

    @Test
    void sendJsonSerializesWithJsonBinding() {
        try (TestClient client = probe("lobby/ann")) {
            client.awaitJson("hello");
            client.send("json");
            assertEquals("{\"from\":\"e2\",\"to\":\"e4\",\"turn\":1}", client.awaitText());
        }
    }

    @Test
    void errorAndSuccessEnvelopesCarryAnRfc3339UtcTimestamp() {
        try (TestClient client = probe("lobby/ann")) {
            client.awaitJson("hello");
            client.send("error");
            String error = client.awaitText();
            assertTrue(
                    error.matches("\\{\"type\":\"error\",\"message\":\"Bad thing\",\"code\":\"bad\","
                            + "\"timestamp\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\"}"),
                    error);
            client.send("plain-error");
            JsonObject plain = client.awaitError("Plain");
            assertFalse(plain.containsKey("code"), plain.toString());
            client.send("success");
            String success = client.awaitText();
            assertTrue(
                    success.matches("\\{\"type\":\"success\",\"data\":\\{\"ok\":true},"
                            + "\"timestamp\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\"}"),
                    success);
        }
    }

    @Test
    void anExceptionInOnMessageAnswersInternalServerErrorLogsRouteAndIdAndKeepsTheConnection() throws Exception {
        try (LogRecorder log = new LogRecorder("io.wschannels.cdi");
                TestClient client = probe("lobby/ann")) {
            String id = client.awaitJson("hello").getString("id");
            client.send("boom");
            JsonObject error = client.awaitError("Internal server error");
            assertFalse(error.toString().contains("secret"), error.toString());
            LogRecord record = log.await(r -> r.getMessage().contains(id));
            assertEquals(Level.SEVERE, record.getLevel());
            assertEquals(
                    "io.wschannels.tyrus.ProbeChannel#onMessage failed for connection " + id
                            + " of ProbeChannel (/probe/{room}/{user}); the client gets the error envelope"
                            + " \"Internal server error\" and the connection stays open",
                    record.getMessage());
            assertEquals("secret detail from onMessage", record.getThrown().getMessage());
            client.send("still there?");
            assertEquals("echo:still there?", client.awaitText());
        }
    }

    @Test
    void anExceptionInOnConnectClosesWith1011AndNoOtherCallbackRuns() throws Exception {
        try (TestClient client = probe("lobby/ann?fail=connect")) {
            client.awaitClose(1011, "Internal server error");
        }
    }

    @Test
    void aChannelExceptionFromOnConnectRefusesTheClientAfterWhatWasSentAndRunsNoCloseCallback() throws Exception {
        try (TestClient client = probe("lobby/ann?reject=Unauthorized")) {
            assertEquals("about to reject", client.awaitText());
            // The reason is the error envelope, so that clients read refusals as they read errors.
            client.awaitClose(1008, "{\"type\":\"error\",\"message\":\"Unauthorized\"}");
            client.assertNoMoreEvents(QUIET);
        }
        // The rejected instance is destroyed, and onClose did not run for it: the next event
        // recorded by any probe is not a close of a connection that never said hello.
        Lifecycle.awaitMatching(e -> e.startsWith("destroyed:"));
    }

    @Test
    void aLongRejectionReasonIsShortenedToFitTheProtocolAndStaysJson() throws Exception {
        String reason = "x".repeat(200);
        try (TestClient client = probe("lobby/ann?reject=" + reason)) {
            assertEquals("about to reject", client.awaitText());
            TestClient.Closed closed = client.awaitClose();
            assertEquals(1008, closed.code());
            assertEquals(
                    123, closed.reason().getBytes(java.nio.charset.StandardCharsets.UTF_8).length, closed.reason());
            assertTrue(
                    jakarta.json.Json.createReader(new java.io.StringReader(closed.reason()))
                            .readObject()
                            .getString("message")
                            .endsWith("x\u2026"),
                    closed.reason());
        }
    }

    @Test
    void injectingAConnectionOutsideOfOpeningOneIsRefusedWithAnExplanation() {
        try (TestClient client = probe("lobby/ann")) {
            client.awaitJson("hello");
            client.send("late-connection");
            assertEquals(
                    "refused:A Connection was injected into io.wschannels.tyrus.ProbeChannel#lateConnection outside of"
                            + " a connection: a Connection can only"
                            + " be injected into a channel, or into @Dependent beans it injects, which the runtime"
                            + " creates when a"
                            + " client connects. To reach connections from other beans, keep them in an"
                            + " @ApplicationScoped"
                            + " registry from Channel#onConnect.",
                    client.awaitText());
        }
    }

    @Test
    void sendingAfterTheConnectionEndedFailsTheStageNamingTheConnection() throws Exception {
        TestClient client = probe("lobby/ann");
        String id = client.awaitJson("hello").getString("id");
        client.close();
        Lifecycle.await("send-after-close:" + id + ":Cannot send to connection " + id + " of ProbeChannel"
                + " (/probe/{room}/{user}): the connection is closed or closing. Check Connection#isOpen() before"
                + " sending to a connection kept outside the registry.");
    }

    @Test
    void aChannelClosingTheConnectionSendsItsCodeAndReasonThenOnCloseAndPreDestroyRun() throws Exception {
        try (TestClient client = probe("lobby/ann")) {
            String id = client.awaitJson("hello").getString("id");
            client.send("close");
            client.awaitClose(4000, "bye");
            Lifecycle.await("close:" + id + ":4000:bye");
            Lifecycle.await("destroyed:" + id);
        }
    }

    @Test
    void aClientCloseRunsOnCloseWithTheClientsCodeAndDestroysTheInstance() throws Exception {
        try (TestClient client = probe("lobby/ann")) {
            String id = client.awaitJson("hello").getString("id");
            client.sendClose(4001, "client leaving");
            client.awaitClose();
            Lifecycle.await("close:" + id + ":4001:client leaving");
            Lifecycle.await("destroyed:" + id);
        }
    }

    @Test
    void anAbruptDisconnectStillRunsOnCloseWith1006AndPreDestroy() throws Exception {
        TestClient client = probe("lobby/ann");
        String id = client.awaitJson("hello").getString("id");
        client.abort();
        // Tyrus adds the reason "Closed abnormally."; the code is what the channel relies on.
        Lifecycle.awaitMatching(e -> e.startsWith("close:" + id + ":1006:"));
        Lifecycle.await("destroyed:" + id);
    }

    @Test
    void anExceptionInOnCloseIsLoggedAndTheInstanceIsStillDestroyed() throws Exception {
        try (LogRecorder log = new LogRecorder("io.wschannels.cdi")) {
            TestClient client = probe("lobby/ann?onclose=throw");
            String id = client.awaitJson("hello").getString("id");
            client.close();
            LogRecord record = log.await(r -> r.getMessage().contains(id));
            assertEquals(
                    "io.wschannels.tyrus.ProbeChannel#onClose failed for connection " + id
                            + " of ProbeChannel (/probe/{room}/{user})",
                    record.getMessage());
            Lifecycle.await("destroyed:" + id);
        }
    }

    @Test
    void aBinaryMessageToATextChannelIsClosedWith1003AndTheServerKeepsServing() {
        try (TestClient bystander = probe("lobby/bystander");
                TestClient client = probe("lobby/ann")) {
            bystander.awaitJson("hello");
            client.awaitJson("hello");
            client.sendBinary(new byte[] {1, 2, 3});
            client.awaitClose(1003, "This channel accepts text messages only");
            bystander.send("still served");
            assertEquals("echo:still served", bystander.awaitText());
        }
        try (TestClient after = probe("lobby/after")) {
            after.awaitJson("hello");
        }
    }

    @Test
    void aChannelThatOverridesOnBinaryReceivesBinaryMessages() {
        try (TestClient client = TestClient.connect(server.webSocketUri("/binary"))) {
            client.sendBinary(new byte[] {1, 2, 3});
            Assertions.assertArrayEquals(new byte[] {3, 2, 1}, client.awaitBinary());
        }
    }

    @Test
    void aPongFromTheClientReachesOnPong() {
        try (TestClient client = probe("lobby/ann")) {
            client.awaitJson("hello");
            client.sendPong("tick".getBytes(StandardCharsets.UTF_8));
            assertEquals("pong:tick", client.awaitText());
        }
    }

    @Test
    void anUnknownPathIsRefusedAtTheHandshake() {
        ExecutionException failure = Assertions.assertThrows(
                ExecutionException.class,
                () -> TestClient.tryConnect(server.webSocketUri("/nowhere")).get());
        WebSocketHandshakeException handshake = (WebSocketHandshakeException) failure.getCause();
        assertEquals(404, handshake.getResponse().statusCode());
    }

    @Test
    void staticFilesAreServedOnTheSamePort() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(server.uri()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("static ok"), page.body());
        HttpResponse<String> missing = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.uri() + "missing.html"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(404, missing.statusCode());
    }

    @Test
    void servesTheBrowserClientAtTheSamePathAsApplicationServers() throws Exception {
        java.net.http.HttpResponse<String> script = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .build()
                .send(
                        java.net.http.HttpRequest.newBuilder(server.uri().resolve("/wschannels/channels.js"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, script.statusCode());
        assertTrue(
                script.headers().firstValue("content-type").orElse("").contains("javascript"),
                script.headers().map().toString());
        assertTrue(script.body().contains("export class Channel"), "the ES module");
    }
}
