package io.wschannels.cdi.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which web origins may connect: the same origin as browsers compare it, listed ones, any. */
class OriginsTest {

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
    void answersStayRightWhenRepeatedAndOnceTheRememberedOnesAreManyMoreThanKept() {
        Origins listed = origins("https://app.example.com");
        for (int round = 0; round < 2; round++) {
            assertTrue(listed.allows("https://app.example.com", "api.example.com"));
            assertFalse(listed.allows("https://evil.example.com", "api.example.com"));
            assertTrue(listed.allows("https://api.example.com", "api.example.com"), "same origin");
            assertFalse(listed.allows("https://api.example.com", "other.example.com"), "same origin, other host");
        }
        for (int i = 0; i < 4 * Origins.MAX_ANSWERS; i++) {
            assertFalse(listed.allows("https://x" + i + ".example.com", "api.example.com"));
            assertTrue(listed.allows("https://x" + i + ".example.com", "x" + i + ".example.com"));
        }
        assertTrue(listed.allows("https://app.example.com", "api.example.com"));
        assertFalse(listed.allows("https://evil.example.com", "api.example.com"));
        assertTrue(listed.allows("https://new.example.com", "new.example.com"), "decided, not remembered");
        assertFalse(listed.allows("https://new.example.com", "api.example.com"), "decided, not remembered");
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
        assertNull(Origins.parse(
                "app.Chat",
                new String[] {"app.example.com", "https://ok.example.com", "https://x.example.com/chat"},
                problems));
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(
                problems.get(0)
                        .startsWith("app.Chat: @Route(origins) has \"app.example.com\", which is not an"
                                + " origin: write scheme://host or scheme://host:port"),
                problems.get(0));
    }
}
