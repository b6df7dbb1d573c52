package io.wschannels.cdi;

import jakarta.websocket.server.HandshakeRequest;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the handshake request carried that a {@code Session} does not expose (its headers). Taken in
 * {@code modifyHandshake} and handed to the session through the per-connection user properties,
 * which Jakarta WebSocket 2.1 guarantees to copy per connection.
 */
record Handshake(Map<String, List<String>> headers) {

    static final String KEY = Handshake.class.getName();

    static final Handshake NONE = new Handshake(Map.of());

    static Handshake of(HandshakeRequest request) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (request.getHeaders() != null) {
            request.getHeaders().forEach((name, values) -> {
                if (name != null && values != null) {
                    headers.merge(name, List.copyOf(values), (a, b) -> {
                        List<String> all = new java.util.ArrayList<>(a);
                        all.addAll(b);
                        return List.copyOf(all);
                    });
                }
            });
        }
        return new Handshake(Collections.unmodifiableMap(headers));
    }
}
