package io.wschannels.examples.secure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.wschannels.testing.RunningServer;
import io.wschannels.testing.TestClient;
import io.wschannels.testing.Upgrade;
import io.wschannels.tyrus.ChannelServer;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The example on a real server with real tokens: valid, missing, malformed, expired, wrongly signed
 * and unauthorized, for clients that are browsers and clients that are not; notifications on
 * every tab of their user and no other.
 */
class SecureExampleTest {

    private static final String SECRET = "example-secret-example-secret-exampl";
    // The login service's secret, read by Tokens when the server starts.
    @RegisterExtension
    static final RunningServer server =
            RunningServer.with(builder -> System.setProperty(Tokens.SECRET_PROPERTY, SECRET));

    @AfterAll
    static void forgetTheSecret() {
        System.clearProperty(Tokens.SECRET_PROPERTY);
    }

    /** A token as the login service issues it. */
    static String token(String secret, String user, Instant expires, Map<String, Object> claims) {
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder()
                .subject(user)
                .issuer("https://login.example.com")
                .expirationTime(Date.from(expires));
        claims.forEach(set::claim);
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), set.build());
            jwt.sign(new MACSigner(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
    }

    static String valid(String user, Map<String, Object> claims) {
        return token(SECRET, user, Instant.now().plusSeconds(300), claims);
    }

    private static URI uri(String path) {
        return server.webSocketUri(path);
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private static Map<String, String> browser() {
        return Map.of("Origin", server.uri().toString().replaceAll("/$", ""));
    }

    @Test
    void aUserWithAValidTokenReachesTheResourcesTheTokenGrants() {
        String token = valid("ann", Map.of("resources", List.of("doc-1", "doc-2")));
        try (TestClient client = TestClient.connect(uri("/secure/doc-1"), bearer(token))) {
            JsonObject connected = client.awaitJson("connected");
            assertEquals("ann", connected.getString("user"));
            client.send("hello");
            JsonObject echo = client.awaitJson("echo");
            assertEquals("ann", echo.getString("user"));
            assertEquals("doc-1", echo.getString("resource"));
        }
        // Browsers: the token as a subprotocol, kept out of the URL.
        try (TestClient page = TestClient.connect(uri("/secure/doc-2"), browser(), "bearer", token)) {
            assertEquals("ann", page.awaitJson("connected").getString("user"));
        }
    }

    @Test
    void aUserWithoutAccessToTheResourceIsToldAccessDenied() throws Exception {
        String token = valid("ann", Map.of("resources", List.of("doc-1")));
        try (TestClient client = TestClient.connect(uri("/secure/payroll"), bearer(token))) {
            client.awaitClose(4403, "{\"type\":\"error\",\"message\":\"Access denied\",\"code\":\"access_denied\"}");
        }
        try (TestClient admin =
                TestClient.connect(uri("/secure/payroll"), bearer(valid("root", Map.of("roles", List.of("admin")))))) {
            assertEquals("root", admin.awaitJson("connected").getString("user"));
        }
    }

    @Test
    void missingMalformedExpiredAndWronglySignedTokensAreRefusedSayingWhy() throws Exception {
        Map<String, String> cases = Map.of(
                "",
                "No token provided",
                "not-a-jwt",
                "Invalid token",
                token(SECRET, "ann", Instant.now().minusSeconds(120), Map.of()),
                "Token expired",
                token(
                        "another-secret-another-secret-another",
                        "ann",
                        Instant.now().plusSeconds(300),
                        Map.of()),
                "Invalid token");
        for (Map.Entry<String, String> bad : cases.entrySet()) {
            Map<String, String> headers = bad.getKey().isEmpty() ? Map.of() : bearer(bad.getKey());
            String reason = "{\"type\":\"error\",\"message\":\"" + bad.getValue() + "\",\"code\":\"unauthorized\"}";
            // Not a browser: HTTP 401 before the upgrade.
            Upgrade.Answer answer = Upgrade.request(uri("/secure/doc-1"), headers);
            assertEquals(401, answer.status(), bad.getValue());
            assertEquals(reason, answer.body());
            // A browser: closed with 4401 and the same reason, which its page can read.
            Map<String, String> fromPage = new java.util.HashMap<>(headers);
            fromPage.putAll(browser());
            try (TestClient page = TestClient.connect(uri("/secure/doc-1"), fromPage)) {
                page.awaitClose(4401, reason);
            }
        }
        assertEquals(
                0, server.registry(AuthenticatedChannel.class).connections().size());
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader(JWSAlgorithm.HS256),
                new JWTClaimsSet.Builder()
                        .subject("ann")
                        .issuer("https://elsewhere.example.com")
                        .expirationTime(Date.from(Instant.now().plusSeconds(60)))
                        .build());
        jwt.sign(new MACSigner(SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(
                401,
                Upgrade.request(uri("/notifications"), bearer(jwt.serialize())).status());
    }

    @Test
    void notificationsReachEveryTabOfTheirUserAndNoOneElse() throws Exception {
        Notifications notifications = server.bean(Notifications.class);
        notifications.notify("cyd", "Welcome back");
        try (TestClient tab1 = TestClient.connect(uri("/notifications"), bearer(valid("cyd", Map.of())));
                TestClient tab2 =
                        TestClient.connect(uri("/notifications"), browser(), "bearer", valid("cyd", Map.of()));
                TestClient other = TestClient.connect(uri("/notifications"), bearer(valid("dee", Map.of())))) {
            JsonObject unread = tab1.awaitJson("unread");
            assertEquals(
                    "Welcome back",
                    unread.getJsonArray("notifications").getJsonObject(0).getString("title"));
            tab2.awaitJson("unread");
            assertTrue(other.awaitJson("unread").getJsonArray("notifications").isEmpty());

            String id = notifications.notify("cyd", "New comment").id();
            assertEquals(
                    "New comment",
                    tab1.awaitJson("notification").getJsonObject("notification").getString("title"));
            assertEquals(
                    id,
                    tab2.awaitJson("notification").getJsonObject("notification").getString("id"));
            other.assertNoMoreEvents(Duration.ofMillis(200));

            tab1.send("{\"type\":\"mark_read\",\"id\":\"" + id + "\"}");
            assertEquals(id, tab1.awaitJson("success").getJsonObject("data").getString("read"));
            tab1.send("{not json");
            tab1.awaitError("Invalid JSON format");
        }
    }

    @Test
    void withoutASecretTheServerDoesNotStart() {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                System.getenv("JWT_SECRET") == null,
                "JWT_SECRET is set in this environment, so the server would find a secret");
        System.clearProperty(Tokens.SECRET_PROPERTY);
        try {
            RuntimeException e = assertThrows(
                    RuntimeException.class,
                    () -> ChannelServer.builder().port(0).start());
            Throwable cause = e;
            while (cause.getCause() != null
                    && !String.valueOf(cause.getMessage()).contains("JWT_SECRET")) {
                cause = cause.getCause();
            }
            assertTrue(
                    String.valueOf(cause.getMessage()).contains("Set the JWT_SECRET environment variable"),
                    String.valueOf(e));
        } finally {
            System.setProperty(Tokens.SECRET_PROPERTY, SECRET);
        }
    }
}
