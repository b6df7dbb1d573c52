package io.wschannels.it.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.testing.Eventually;
import io.wschannels.testing.RawClient;
import io.wschannels.testing.TestClient;
import io.wschannels.testing.Upgrade;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The same scenarios on every application server the build starts (WildFly, Payara Micro 6 and 7,
 * GlassFish, Open Liberty): a real WAR without web.xml or beans.xml, deployed by Arquillian, driven
 * by real WebSocket clients.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ApplicationOnServerIT {

    private static final Duration QUIET = Duration.ofMillis(500);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Deployment(name = "app", testable = false)
    static WebArchive app() {
        return Wars.app();
    }

    @ArquillianResource
    URL app;

    static URI ws(URL base, String path) {
        return URI.create(base.toString().replaceFirst("^http", "ws").replaceAll("/$", "") + path);
    }

    private String post(String path, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(app.toString().replaceAll("/$", "") + path))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private String get(String path) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(app.toString().replaceAll("/$", "") + path))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void channelsAreDiscoveredAndRoutedWithPathAndQueryParameters() {
        try (TestClient client = TestClient.connect(ws(app, "/probe/lobby?q=hello%20there"))) {
            assertTrue(client.awaitText().startsWith("room=lobby q=hello there instance="));
        }
    }

    @Test
    void everyConnectionGetsItsOwnInjectedInstanceDestroyedOnClose() throws Exception {
        String first;
        String second;
        try (TestClient a = TestClient.connect(ws(app, "/probe/a"));
                TestClient b = TestClient.connect(ws(app, "/probe/b"))) {
            first = a.awaitText().replaceAll(".*instance=", "");
            second = b.awaitText().replaceAll(".*instance=", "");
            assertNotEquals(first, second);
            a.send("x");
            assertEquals("instance=" + first + " echo=x", a.awaitText());
        }
        // Both instances were destroyed (@PreDestroy ran): created and destroyed counts meet.
        AtomicReference<String> state = new AtomicReference<>();
        Eventually.await(
                "@PreDestroy ran for every closed connection",
                () -> {
                    state.set(get("/api/rooms/state"));
                    String[] visits = state.get().replaceAll(".*visits=", "").split(" ");
                    return visits[0].equals(visits[1]);
                },
                state::get);
    }

    @Test
    void theChatProtocolWorksEndToEnd() {
        try (TestClient ann = TestClient.connect(ws(app, "/chat/it-room?name=ann"))) {
            assertEquals("Welcome to room it-room", ann.awaitJson("system").getString("message"));
            try (TestClient bob = TestClient.connect(ws(app, "/chat/it-room?name=bob"))) {
                bob.awaitJson("system");
                assertEquals(2, ann.awaitJson("user_joined").getInt("count"));
                bob.send("{\"type\":\"chat_message\",\"message\":\"hi ann\"}");
                for (TestClient member : new TestClient[] {ann, bob}) {
                    JsonObject chat = member.awaitJson("chat_message");
                    assertEquals("hi ann", chat.getString("message"));
                    assertEquals("bob", chat.getString("user_id"));
                }
                bob.send("not json");
                bob.awaitError("Invalid JSON format");
                bob.send("{\"type\":\"chat_message\",\"message\":\"" + "x".repeat(1001) + "\"}");
                bob.awaitError("Message too long");
            }
            assertEquals(1, ann.awaitJson("user_left").getInt("count"));
        }
    }

    @Test
    void aBurstOfBroadcastsFromSeveralSendersReachesEveryMemberCompleteAndInOrder() {
        // On WildFly the texts waiting on a connection leave as one batch: none may be lost or reordered.
        int senders = 3;
        int each = 200;
        List<TestClient> members = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < senders; i++) {
                members.add(TestClient.connect(ws(app, "/chat/burst-room?name=m" + i)));
            }
            // The first member hears the last one join: everyone is in the room before the burst.
            while (members.get(0).awaitJson().getInt("count", 0) != senders) {
                // skipping the welcome and the earlier joins
            }
            for (int k = 0; k < each; k++) {
                for (int i = 0; i < senders; i++) {
                    members.get(i).send("{\"type\":\"chat_message\",\"message\":\"" + k + "\"}");
                }
            }
            for (TestClient member : members) {
                int[] next = new int[senders];
                int received = 0;
                while (received < senders * each) {
                    JsonObject message = member.awaitJson();
                    if (!"chat_message".equals(message.getString("type", null))) {
                        continue; // joins, counts, the welcome
                    }
                    int sender = Integer.parseInt(message.getString("user_id").substring(1));
                    assertEquals(
                            String.valueOf(next[sender]),
                            message.getString("message"),
                            "the next message of m" + sender + " after " + received + " received");
                    next[sender]++;
                    received++;
                }
            }
        } finally {
            members.forEach(TestClient::close);
        }
    }

    @Test
    void aMessageOfSeveralMebibytesIsRefusedWith1009WithoutAWarningAndOthersGoOn() {
        try (ServerLog log = ServerLog.watch();
                TestClient bystander = TestClient.connect(ws(app, "/probe/limits"));
                TestClient client = TestClient.connect(ws(app, "/probe/limits"))) {
            bystander.awaitText();
            client.awaitText();
            // Just under: exactly the default limit, 64 KiB, is delivered.
            String most = "u".repeat(64 * 1024);
            client.send(most);
            assertTrue(client.awaitText().endsWith(" echo=" + most));
            // Far over: 8 MiB. The server may refuse it before it has all arrived, so the send
            // itself may fail; the client must still read the close.
            client.sendWithoutWaiting("x".repeat(8 * 1024 * 1024));
            TestClient.Closed closed = client.awaitClose();
            assertEquals(1009, closed.code(), () -> "close code, reason \"" + closed.reason() + "\"");
            assertFalse(closed.reason().isBlank(), "a 1009 names the limit in its reason");
            bystander.send("still here");
            assertTrue(bystander.awaitText().endsWith(" echo=still here"));
            String logged = log.untilNow(app);
            assertEquals(List.of(), ServerLog.warningsAndStackTraces(logged), logged);
            assertEquals(List.of(), log.newIncidents("com.ibm.ws.wsoc.MaxMessageException"), "incident reports");
        }
    }

    @Test
    void aFrameFarOverTheLimitIsRefusedWith1009FromItsHeaderNotBufferedFirst() throws Exception {
        try (ServerLog log = ServerLog.watch();
                RawClient raw = RawClient.connect(app.getPort(), app.getPath() + "probe/stream")) {
            raw.readText();
            // 64 MiB announced, 64 KiB allowed. Refused when its header shows it is too big, or at
            // least long before it has arrived: not buffered whole (WildFly's Undertow would), not
            // up to a buffer of 4 MiB and then 1011 with a stack trace (Payara's and GlassFish's Tyrus).
            RawClient.Refusal refusal = raw.streamTextFrameUntilRefused(64L * 1024 * 1024);
            assertEquals(1009, refusal.closeCode(), refusal::toString);
            assertTrue(refusal.bytesWritten() < 1024 * 1024, refusal + " (bytes written before the close arrived)");
            String logged = log.untilNow(app);
            assertEquals(List.of(), ServerLog.warningsAndStackTraces(logged), logged);
            // Open Liberty refuses it itself from the header and records that in an incident
            // report (not in its log), the first time only.
            assertEquals(List.of(), log.newIncidents("com.ibm.ws.wsoc.MaxMessageException"), "incident reports");
        }
    }

    @Test
    void aMessageInFragmentsIsLimitedAsAWhole() throws Exception {
        try (RawClient raw = RawClient.connect(app.getPort(), app.getPath() + "probe/fragments")) {
            raw.readText();
            // Exactly the limit, 64 KiB, in three fragments: delivered as one message.
            raw.write(RawClient.maskedFrame(0x01, false, 30_000));
            raw.write(RawClient.maskedFrame(0x00, false, 30_000));
            raw.write(RawClient.maskedFrame(0x00, true, 64 * 1024 - 60_000));
            assertTrue(raw.readText().endsWith(" echo=" + "a".repeat(64 * 1024)));
            // One byte more: refused.
            raw.write(RawClient.maskedFrame(0x01, false, 30_000));
            raw.write(RawClient.maskedFrame(0x00, false, 30_000));
            raw.write(RawClient.maskedFrame(0x00, true, 64 * 1024 - 60_000 + 1));
            assertEquals(1009, raw.readCloseCode());
        }
    }

    @Test
    void aPushFromAnEjbReachesExactlyThatRoom() throws Exception {
        try (TestClient inside = TestClient.connect(ws(app, "/chat/ejb-news?name=in"));
                TestClient outside = TestClient.connect(ws(app, "/chat/ejb-sports?name=out"))) {
            inside.awaitJson("system");
            outside.awaitJson("system");
            assertEquals("1", post("/api/rooms/ejb-news/ejb", "from the EJB"));
            assertEquals("from the EJB", inside.awaitJson("announcement").getString("message"));
            outside.assertNoMoreEvents(QUIET);
        }
    }

    @Test
    void aPushFromARestCallReachesExactlyThatRoom() throws Exception {
        try (TestClient inside = TestClient.connect(ws(app, "/chat/rest-news?name=in"));
                TestClient outside = TestClient.connect(ws(app, "/chat/rest-sports?name=out"))) {
            inside.awaitJson("system");
            outside.awaitJson("system");
            assertEquals("1", post("/api/rooms/rest-news/rest", "from REST"));
            assertEquals("from REST", inside.awaitJson("announcement").getString("message"));
            outside.assertNoMoreEvents(QUIET);
        }
    }

    @Test
    void aSingletonEjbTimerPushesThroughTheInjectedRegistry() {
        try (TestClient listener = TestClient.connect(ws(app, "/chat/ticks?name=listener"))) {
            listener.awaitJson("system");
            int first = listener.awaitJson("tick").getInt("count");
            assertTrue(listener.awaitJson("tick").getInt("count") > first, "ticks keep coming");
        }
    }

    @Test
    void theServerPingsEveryConnectionAndTheAnswersReachTheChannel() {
        try (TestClient client = TestClient.connect(ws(app, "/heartbeat"))) {
            // The client sends no message: only its pongs keep it alive. Eight heartbeats, each at
            // least 200 ms after the one before, span more than the 1,000 ms pong timeout, and each
            // checks it; the connection stays open throughout, a close would fail awaitText.
            for (int pong = 1; pong <= 8; pong++) {
                assertEquals("pongs:" + pong, client.awaitText());
            }
        }
    }

    @Test
    void aSlowBatchHoldsUpNoHeartbeats() {
        try (TestClient held = TestClient.connect(ws(app, "/held"))) {
            held.send("hold");
            assertEquals("holding", held.awaitText());
            // While that batch waits on one of the runtime's threads, another channel's heartbeats
            // go on: the runtime's threads are its own, not a server-wide scheduler (GlassFish's
            // default one has a single thread).
            try (TestClient beating = TestClient.connect(ws(app, "/heartbeat"))) {
                try {
                    for (int pong = 1; pong <= 3; pong++) {
                        assertEquals("pongs:" + pong, beating.awaitText());
                    }
                } finally {
                    beating.send("release");
                }
                // Still connected: closing drops the socket at once, which could discard the
                // "release" before the server has read it.
                assertEquals("released", held.awaitText());
            }
        }
    }

    @Test
    void theApplicationsOwnServerEndpointKeepsWorking() {
        try (TestClient plain = TestClient.connect(ws(app, "/plain"))) {
            plain.send("hello");
            assertEquals("plain:hello", plain.awaitText());
        }
    }

    private static String token(String user, java.time.Instant expires) {
        try {
            com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(
                    new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.HS256),
                    new com.nimbusds.jwt.JWTClaimsSet.Builder()
                            .subject(user)
                            .expirationTime(java.util.Date.from(expires))
                            .build());
            jwt.sign(new com.nimbusds.jose.crypto.MACSigner(io.wschannels.it.app.Tokens.SECRET));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new AssertionError(e);
        }
    }

    /** The origin of the server's own pages. */
    private String ownOrigin() {
        return app.getProtocol() + "://" + app.getHost() + ":" + app.getPort();
    }

    @Test
    void aValidTokenOpensAnAuthenticatedChannelAsThatUser() {
        String token = token("ann", java.time.Instant.now().plusSeconds(300));
        try (TestClient client =
                TestClient.connect(ws(app, "/secure/42"), java.util.Map.of("Authorization", "Bearer " + token))) {
            assertEquals("welcome ann to 42 as ann", client.awaitText());
        }
        // A browser sends it as a subprotocol; the server answers "bearer", not the token.
        try (TestClient browser =
                TestClient.connect(ws(app, "/secure/42"), java.util.Map.of("Origin", ownOrigin()), "bearer", token)) {
            assertEquals("bearer", browser.subprotocol());
            assertEquals("welcome ann to 42 as ann", browser.awaitText());
        }
    }

    @Test
    void withoutAValidTokenAClientIsRefusedWith401BeforeTheUpgrade() throws Exception {
        Upgrade.Answer missing = Upgrade.request(ws(app, "/secure/42"), java.util.Map.of());
        assertEquals(401, missing.status(), missing.toString());
        assertEquals(
                "{\"type\":\"error\",\"message\":\"No token provided\",\"code\":\"unauthorized\"}", missing.body());
        assertTrue(
                missing.headers().get("www-authenticate").startsWith("Bearer"),
                missing.headers().toString());
        Upgrade.Answer expired = Upgrade.request(
                ws(app, "/secure/42"),
                java.util.Map.of(
                        "Authorization",
                        "Bearer " + token("ann", java.time.Instant.now().minusSeconds(120))));
        assertEquals(401, expired.status());
        assertTrue(expired.body().contains("Token expired"), expired.body());
    }

    @Test
    void aBrowserWithoutAValidTokenIsClosedWith4401AndAReasonItsPageCanRead() {
        try (TestClient browser =
                TestClient.connect(ws(app, "/secure/42?token=forged"), java.util.Map.of("Origin", ownOrigin()))) {
            browser.awaitClose(4401, "{\"type\":\"error\",\"message\":\"Invalid token\",\"code\":\"unauthorized\"}");
        }
        try (TestClient user = TestClient.connect(
                ws(app, "/secure/vault"),
                java.util.Map.of(
                        "Authorization",
                        "Bearer " + token("ann", java.time.Instant.now().plusSeconds(300))))) {
            user.awaitClose(4403, "{\"type\":\"error\",\"message\":\"Access denied\",\"code\":\"access_denied\"}");
        }
    }

    @Test
    void aPageFromAnotherSiteIsRefusedWith403BeforeTheUpgrade() throws Exception {
        Upgrade.Answer foreign = Upgrade.request(
                ws(app, "/chat/lobby?name=mallory"), java.util.Map.of("Origin", "https://evil.example.com"));
        assertEquals(403, foreign.status(), foreign.toString());
        assertTrue(foreign.body().contains("Origin not allowed"), foreign.body());
        assertEquals(
                101,
                Upgrade.request(ws(app, "/chat/lobby?name=ann"), java.util.Map.of("Origin", ownOrigin()))
                        .status());
    }

    @Test
    void typedMessagesAreValidatedByTheServersBeanValidationAndAnsweredByRef() {
        try (TestClient client = TestClient.connect(ws(app, "/typed"))) {
            client.send("{\"type\":\"say\",\"ref\":\"a\",\"word\":\"hello\"}");
            assertEquals("{\"type\":\"reply\",\"ref\":\"a\",\"data\":\"HELLO\"}", client.awaitText());
            client.send("{\"type\":\"say\",\"ref\":\"b\",\"word\":\"goodbye\"}");
            jakarta.json.JsonObject error = client.awaitError("Validation failed: word size must be between 1 and 5");
            assertEquals("b", error.getString("ref"));
            client.send("{\"type\":\"shout\"}");
            client.awaitError("Unknown message type: shout");
        }
    }

    @Test
    void batchesRunOnTheServersManagedExecutor() {
        try (TestClient client = TestClient.connect(ws(app, "/batched"))) {
            client.send("a");
            client.send("b");
            client.send("c");
            String batch = client.awaitText();
            assertTrue(batch.startsWith("a,b,c on "), batch);
            // A managed executor's thread carries the application's context; the servers name
            // their threads differently (WildFly and Payara "...managed...", Liberty "Default Executor").
            assertTrue(batch.endsWith(" with the application's context"), "not on a managed executor: " + batch);
            client.send("d");
            assertTrue(client.awaitText().startsWith("d on "), "a lone message comes after the delay");
        }
    }

    @Test
    void theBrowserClientIsServedFromTheLibrarysJar() throws Exception {
        HttpResponse<String> script = HTTP.send(
                HttpRequest.newBuilder(URI.create(app.toString().replaceAll("/$", "") + "/wschannels/channels.js"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, script.statusCode());
        assertTrue(
                script.headers().firstValue("content-type").orElse("").contains("javascript"),
                script.headers().map().toString());
        assertTrue(script.body().contains("export class Channel"), "the ES module");
    }
}
