package io.wschannels.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure parts of admission: origin comparison, token extraction, refusal reasons. */
class GateTest {

    private static Origins origins(String... declared) {
        List<String> problems = new ArrayList<>();
        Origins origins = Origins.parse("Test", declared, problems);
        assertTrue(problems.isEmpty(), problems.toString());
        return origins;
    }

    @Test
    void sameOriginComparesSchemeDefaultPortsAndHostCaseAsBrowsersDo() {
        Origins same = Origins.SAME_ORIGIN;
        assertTrue(same.allows(null, "example.com"), "no Origin: not a browser");
        assertTrue(same.allows("https://example.com", "example.com"));
        assertTrue(same.allows("https://Example.COM", "example.com:443"));
        assertTrue(same.allows("http://localhost:8080", "localhost:8080"));
        assertFalse(same.allows("http://localhost:8081", "localhost:8080"));
        assertFalse(same.allows("https://example.com", "example.com:8443"));
        assertFalse(same.allows("https://example.com.evil.com", "example.com"));
        assertFalse(same.allows("null", "example.com"));
        assertFalse(same.allows("https://example.com/path", "example.com"), "an Origin has no path");
        assertFalse(same.allows("https://example.com", null), "no Host to compare with");
        assertTrue(same.allows("http://[::1]:8080", "[::1]:8080"));
    }

    @Test
    void listedOriginsAndTheStar() {
        Origins listed = origins("https://app.example.com", "http://localhost:3000");
        assertTrue(listed.allows("https://app.example.com:443", "api.example.com"));
        assertTrue(listed.allows("http://localhost:3000", "api.example.com"));
        assertFalse(listed.allows("http://app.example.com", "api.example.com"));
        assertTrue(origins("*").allows("null", "x"));
    }

    @Test
    void malformedOriginsFailTheDeploymentSayingHowToWriteThem() {
        List<String> problems = new ArrayList<>();
        assertNull(Origins.parse("app.Chat", new String[] {"app.example.com", "https://ok.example.com",
                "https://x.example.com/chat"}, problems));
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("app.Chat: @Route(origins) has \"app.example.com\", which is not an"
                + " origin: write scheme://host or scheme://host:port"), problems.get(0));
    }

    private static Gate.Request request(Map<String, List<String>> headers, String token) {
        return new Gate.Request() {
            @Override
            public List<String> headers(String name) {
                return headers.getOrDefault(name, List.of());
            }

            @Override
            public String queryParam(String name) {
                return "token".equals(name) ? token : null;
            }

            @Override
            public java.security.Principal containerUser() {
                return null;
            }
        };
    }

    @Test
    void theTokenComesFromTheProtocolHeaderThenAuthorizationThenTheQuery() {
        assertEquals("p", Gate.token(request(Map.of("Sec-WebSocket-Protocol", List.of("bearer, p"),
                "Authorization", List.of("Bearer a")), "q")));
        assertEquals("p", Gate.token(request(Map.of("Sec-WebSocket-Protocol", List.of("bearer", "p")), null)),
                "one protocol per header line");
        assertEquals("p", Gate.token(request(Map.of("Sec-WebSocket-Protocol", List.of("chat, Bearer, p")), null)));
        assertEquals("a", Gate.token(request(Map.of("Sec-WebSocket-Protocol", List.of("bearer"),
                "Authorization", List.of("bearer   a ")), "q")), "a lone marker carries no token");
        assertEquals("q", Gate.token(request(Map.of("Authorization", List.of("Basic YTpi")), "q")));
        assertNull(Gate.token(request(Map.of("Authorization", List.of("Bearer ")), "")));
    }

    @Test
    void refusalReasonsAreJsonWithinTheProtocolsLimit() {
        assertEquals("{\"type\":\"error\",\"message\":\"Invalid token\",\"code\":\"unauthorized\"}",
                Json.refusal("Invalid token", "unauthorized"));
        assertEquals("{\"type\":\"error\",\"message\":\"say \\\"hi\\\"\\n\"}", Json.refusal("say \"hi\"\n", null));
        String exact = Json.refusal("x".repeat(123 - "{\"type\":\"error\",\"message\":\"\"}".length()), null);
        assertEquals(123, exact.length(), "just fits: not shortened");
        assertFalse(exact.contains("\u2026"));
        String over = Json.refusal("é".repeat(100), "code");
        assertTrue(over.getBytes(StandardCharsets.UTF_8).length <= 123, over);
        assertTrue(over.endsWith("\u2026\",\"code\":\"code\"}"), over);
    }
}
