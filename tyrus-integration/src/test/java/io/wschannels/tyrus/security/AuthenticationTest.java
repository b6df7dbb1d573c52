package io.wschannels.tyrus.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.testing.Eventually;
import io.wschannels.testing.RunningServer;
import io.wschannels.testing.TestClient;
import io.wschannels.testing.Upgrade;
import io.wschannels.tyrus.ChannelServer;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code @Authenticated} on the standalone server, with a real JWT verifier: tokens from the three
 * places a client can put them, every kind of bad token refused before the upgrade (HTTP 401) or,
 * for browsers, right after it (4401 with a JSON reason), with nothing created and nothing logged
 * that contains the token.
 */
class AuthenticationTest {

    @RegisterExtension
    static final RunningServer server =
            RunningServer.with(builder -> builder.beanClasses(SecureChannel.class, Tokens.class));

    private static final List<LogRecord> LOG = new CopyOnWriteArrayList<>();
    private static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            LOG.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeAll
    static void capture() {
        Logger.getLogger("io.wschannels").addHandler(CAPTURE);
    }

    @AfterAll
    static void release() {
        Logger.getLogger("io.wschannels").removeHandler(CAPTURE);
    }

    @BeforeEach
    void reset() {
        SecureChannel.CREATED.set(0);
    }

    private static URI uri(String path) {
        return server.webSocketUri(path);
    }

    @Test
    void aValidTokenInTheAuthorizationHeaderMakesTheUserTheConnectionsUser() {
        try (TestClient client =
                TestClient.connect(uri("/secure/42"), Map.of("Authorization", "Bearer " + Tokens.valid("ann")))) {
            JsonObject welcome = client.awaitJson("welcome");
            assertEquals("ann", welcome.getString("user"));
            assertEquals("42", welcome.getString("resource"));
            // Identified in the registry before onConnect ran.
            assertEquals("ann", welcome.getString("identified_as"));
            assertEquals(
                    1,
                    server.registry(SecureChannel.class)
                            .user("ann")
                            .broadcast("for ann")
                            .toCompletableFuture()
                            .join()
                            .recipients());
            assertEquals("for ann", client.awaitText());
            client.send("hello");
            assertEquals("ann: hello", client.awaitText());
        }
    }

    @Test
    void eachHandshakeVerifiesItsTokenOnceOnNettyAndTwiceOnTyrus() {
        int before = Tokens.VERIFIED.get();
        try (TestClient client =
                TestClient.connect(uri("/secure/7"), Map.of("Authorization", "Bearer " + Tokens.valid("ann")))) {
            assertEquals("ann", client.awaitJson("welcome").getString("user"));
        }
        // On Tyrus a Grizzly filter in front of the upgrade asks the gate, to answer clients that are
        // not browsers with 401, and Tyrus' handshake asks again: it cannot hand its verdict over.
        // On Netty the library is the container and decides in the handshake only.
        boolean netty = "netty".equals(System.getProperty("channels.container"));
        assertEquals(netty ? 1 : 2, Tokens.VERIFIED.get() - before);
    }

    @Test
    void aValidTokenInTheQueryIsAcceptedAsInTheAzuManual() {
        try (TestClient client = TestClient.connect(uri("/secure/42?token=" + Tokens.valid("bob")))) {
            assertEquals("bob", client.awaitJson("welcome").getString("user"));
        }
    }

    @Test
    void browsersSendTheTokenAsASubprotocolAndTheServerAnswersBearerWithoutEchoingIt() {
        String token = Tokens.valid("cyd");
        try (TestClient client = TestClient.connect(
                uri("/secure/42"), Map.of("Origin", server.uri().toString().replaceAll("/$", "")), "bearer", token)) {
            assertEquals("bearer", client.subprotocol());
            assertEquals("cyd", client.awaitJson("welcome").getString("user"));
        }
    }

    static Stream<Arguments> badCredentials() {
        return Stream.of(
                Arguments.of("missing", Map.of(), "No token provided"),
                Arguments.of("malformed", Map.of("Authorization", "Bearer not.a.jwt"), "Invalid token"),
                Arguments.of("expired", Map.of("Authorization", "Bearer " + Tokens.expired("ann")), "Token expired"),
                Arguments.of(
                        "wrongly signed",
                        Map.of("Authorization", "Bearer " + Tokens.wronglySigned("ann")),
                        "Invalid token"),
                Arguments.of("not bearer", Map.of("Authorization", "Basic YW5uOnNlY3JldA=="), "No token provided"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCredentials")
    void clientsThatAreNotBrowsersAreRefusedWith401BeforeTheUpgrade(
            String what, Map<String, String> headers, String message) throws Exception {
        Upgrade.Answer answer = Upgrade.request(uri("/secure/42"), headers);
        assertEquals(401, answer.status(), what);
        assertEquals("{\"type\":\"error\",\"message\":\"" + message + "\",\"code\":\"unauthorized\"}", answer.body());
        assertTrue(
                answer.headers().get("www-authenticate").startsWith("Bearer error=\"invalid_token\""),
                answer.headers().toString());
        assertEquals(0, SecureChannel.CREATED.get(), "no channel instance for a refused client");
        assertEquals(0, server.registry(SecureChannel.class).connections().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCredentials")
    void browsersAreRefusedAfterTheUpgradeWith4401AndAJsonReasonTheirPageCanRead(
            String what, Map<String, String> headers, String message) {
        Map<String, String> browser = new java.util.HashMap<>(headers);
        browser.put("Origin", server.uri().toString().replaceAll("/$", ""));
        try (TestClient client = TestClient.connect(uri("/secure/42"), browser)) {
            client.awaitClose(4401, "{\"type\":\"error\",\"message\":\"" + message + "\",\"code\":\"unauthorized\"}");
        }
        assertEquals(0, SecureChannel.CREATED.get(), "no channel instance for a refused client");
        Eventually.await(
                "the refused connection is gone", () -> server.openConnections() == 0, AuthenticationTest::openState);
        assertEquals(0, server.registry(SecureChannel.class).connections().size());
    }

    /** What is still open, for a failure's message. */
    private static Object openState() {
        return "open=" + server.openConnections() + " registered="
                + server.registry(SecureChannel.class).connections();
    }

    @Test
    void anAuthenticatedUserWithoutAccessToTheResourceIsRejectedWith4403() {
        try (TestClient client =
                TestClient.connect(uri("/secure/vault"), Map.of("Authorization", "Bearer " + Tokens.valid("ann")))) {
            client.awaitClose(4403, "{\"type\":\"error\",\"message\":\"Access denied\",\"code\":\"access_denied\"}");
        }
        Eventually.await(
                "the rejected connection is gone", () -> server.openConnections() == 0, AuthenticationTest::openState);
        assertTrue(server.registry(SecureChannel.class).users().isEmpty(), "the rejected user left the registry");
        try (TestClient admin =
                TestClient.connect(uri("/secure/vault"), Map.of("Authorization", "Bearer " + Tokens.valid("admin")))) {
            assertEquals("admin", admin.awaitJson("welcome").getString("user"));
        }
    }

    @Test
    void refusalsAreLoggedWithTheRouteAndWhyButNeverWithTheToken() throws Exception {
        String expired = Tokens.expired("dan");
        String wrong = Tokens.wronglySigned("dan");
        LOG.clear();
        assertEquals(
                401,
                Upgrade.request(uri("/secure/1"), Map.of("Authorization", "Bearer " + expired))
                        .status());
        try (TestClient browser = TestClient.connect(
                uri("/secure/1?token=" + wrong),
                Map.of("Origin", server.uri().toString().replaceAll("/$", "")))) {
            browser.awaitClose();
        }
        Eventually.await(
                "both refusals logged",
                () -> LOG.stream()
                                .filter(r -> r.getMessage().contains("refused a connection"))
                                .count()
                        == 2);
        for (LogRecord record : LOG) {
            String text = record.getMessage()
                    + (record.getThrown() == null ? "" : record.getThrown().toString());
            assertFalse(
                    text.contains(expired) || text.contains(wrong) || text.contains(expired.split("\\.")[2]),
                    "a log record contains a token: " + text);
        }
        assertTrue(
                LOG.stream()
                        .anyMatch(r -> r.getLevel() == Level.INFO
                                && r.getMessage()
                                        .contains("SecureChannel"
                                                + " (/secure/{resource_id}) refused a connection with"
                                                + " HTTP 401: its token was refused: Token expired")),
                LOG.stream().map(LogRecord::getMessage).toList().toString());
    }

    @Test
    void aFloodOfRefusedClientsDoesNotDisturbTheConnectedOnes() throws Exception {
        try (TestClient ann =
                TestClient.connect(uri("/secure/7"), Map.of("Authorization", "Bearer " + Tokens.valid("ann")))) {
            ann.awaitJson("welcome");
            // 300 at once: 200 clients with bad tokens refused before the upgrade, 100 browsers after it.
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(32);
            try {
                List<java.util.concurrent.Future<Integer>> outcomes = new java.util.ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    int n = i;
                    outcomes.add(pool.submit(() -> {
                        if (n % 3 == 2) {
                            try (TestClient page = TestClient.connect(
                                    uri("/secure/7?token=forged" + n),
                                    Map.of("Origin", server.uri().toString().replaceAll("/$", "")))) {
                                return page.awaitClose().code();
                            }
                        }
                        return Upgrade.request(uri("/secure/7?token=garbage" + n), Map.of())
                                .status();
                    }));
                    if (n % 50 == 0) {
                        ann.send("still here " + n);
                    }
                }
                for (int i = 0; i < outcomes.size(); i++) {
                    assertEquals(
                            i % 3 == 2 ? 4401 : 401, outcomes.get(i).get(30, java.util.concurrent.TimeUnit.SECONDS));
                }
            } finally {
                pool.shutdownNow();
            }
            for (int n = 0; n < 300; n += 50) {
                assertEquals("ann: still here " + n, ann.awaitText());
            }
            ann.send("after the flood");
            assertEquals("ann: after the flood", ann.awaitText());
            ann.assertNoMoreEvents(Duration.ofMillis(100));
            assertEquals(1, SecureChannel.CREATED.get(), "only ann's channel was ever created");
        }
        Eventually.await(
                "every connection is gone", () -> server.openConnections() == 0, AuthenticationTest::openState);
    }

    @Test
    void twoTokenVerifiersFailTheDeploymentNamingBoth() {
        RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(
                RuntimeException.class,
                () -> ChannelServer.builder()
                        .port(0)
                        .beanClasses(SecureChannel.class, Tokens.class, SecondVerifier.class)
                        .start()
                        .close());
        assertTrue(
                String.valueOf(e.getMessage())
                        .contains("the application has 2 io.wschannels.TokenVerifier beans"
                                + " ([io.wschannels.tyrus.security.SecondVerifier,"
                                + " io.wschannels.tyrus.security.Tokens]) and authenticated"
                                + " channels need exactly one"),
                e.getMessage());
    }
}
