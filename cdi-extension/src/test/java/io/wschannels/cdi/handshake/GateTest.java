package io.wschannels.cdi.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the gate finds a client's token. */
class GateTest {

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
            public Principal containerUser() {
                return null;
            }
        };
    }

    @Test
    void theTokenComesFromTheProtocolHeaderThenAuthorizationThenTheQuery() {
        assertEquals(
                "p",
                Gate.token(request(
                        Map.of("Sec-WebSocket-Protocol", List.of("bearer, p"), "Authorization", List.of("Bearer a")),
                        "q")));
        assertEquals(
                "p",
                Gate.token(request(Map.of("Sec-WebSocket-Protocol", List.of("bearer", "p")), null)),
                "one protocol per header line");
        assertEquals("p", Gate.token(request(Map.of("Sec-WebSocket-Protocol", List.of("chat, Bearer, p")), null)));
        assertEquals(
                "a",
                Gate.token(request(
                        Map.of("Sec-WebSocket-Protocol", List.of("bearer"), "Authorization", List.of("bearer   a ")),
                        "q")),
                "a lone marker carries no token");
        assertEquals("q", Gate.token(request(Map.of("Authorization", List.of("Basic YTpi")), "q")));
        assertNull(Gate.token(request(Map.of("Authorization", List.of("Bearer ")), "")));
    }
}
