package io.wschannels.tyrus.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wschannels.testing.RunningServer;
import io.wschannels.testing.TestClient;
import io.wschannels.testing.Upgrade;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Cross-site WebSocket hijacking is refused: a page from another origin gets 403 before the
 * upgrade unless the channel lists that origin; the server's own pages and clients that are not
 * browsers get in.
 */
class OriginTest {

    @RegisterExtension
    static final RunningServer server = RunningServer.with(
            builder -> builder.beanClasses(HomeChannel.class, PartnerChannel.class, PublicChannel.class));

    private static int status(String path, String origin) throws Exception {
        return Upgrade.request(server.webSocketUri(path), origin == null ? Map.of() : Map.of("Origin", origin))
                .status();
    }

    private static String own() {
        return "http://localhost:" + server.port();
    }

    @Test
    void byDefaultOnlyTheServersOwnPagesAndNonBrowserClientsMayConnect() throws Exception {
        assertEquals(101, status("/home", own()));
        assertEquals(101, status("/home", own().toUpperCase().replace("HTTP", "http")), "host names ignore case");
        assertEquals(101, status("/home", null), "no Origin: not a browser");
        assertEquals(403, status("/home", "https://evil.example.com"));
        assertEquals(403, status("/home", "http://localhost:" + (server.port() + 1)), "another port is another origin");
        assertEquals(403, status("/home", "http://localhost.evil.example.com:" + server.port()));
        assertEquals(403, status("/home", "null"), "sandboxed frames and file: pages");
        try (TestClient page = TestClient.connect(server.webSocketUri("/home"), Map.of("Origin", own()))) {
            assertEquals("welcome home", page.awaitText());
        }
    }

    @Test
    void theRefusalSaysWhyAsAJsonBody() throws Exception {
        Upgrade.Answer answer = Upgrade.request(
                server.webSocketUri("/home?probe=refused"), Map.of("Origin", "https://evil.example.com"));
        assertEquals(403, answer.status());
        assertEquals(
                "{\"type\":\"error\",\"message\":\"Origin not allowed\",\"code\":\"forbidden_origin\"}", answer.body());
        // Connections of other tests may still be opening, so the refused one is told apart by its probe.
        try (TestClient after = TestClient.connect(server.webSocketUri("/home?probe=after"), Map.of("Origin", own()))) {
            assertEquals("welcome home", after.awaitText());
        }
        assertEquals(List.of("after"), HomeChannel.PROBES, "a refused upgrade opens no connection");
    }

    @Test
    void listedOriginsAreAllowedBesideTheServersOwn() throws Exception {
        assertEquals(101, status("/partners", "https://partner.example.com"));
        assertEquals(101, status("/partners", "https://partner.example.com:443"), "the default port written out");
        assertEquals(403, status("/partners", "http://partner.example.com"), "another scheme is another origin");
        assertEquals(403, status("/partners", "https://partner.example.com.evil.example.com"));
        assertEquals(101, status("/partners", own()));
    }

    @Test
    void aProxyCanNameTheHostItWasAskedFor() throws Exception {
        Upgrade.Answer answer = Upgrade.request(
                server.webSocketUri("/home"),
                Map.of("Origin", "https://chat.example.com", "X-Forwarded-Host", "chat.example.com"));
        assertEquals(101, answer.status());
    }

    @Test
    void aStarAllowsEveryOrigin() throws Exception {
        assertEquals(101, status("/public", "https://anywhere.example.org"));
        assertEquals(101, status("/public", "null"));
    }
}
