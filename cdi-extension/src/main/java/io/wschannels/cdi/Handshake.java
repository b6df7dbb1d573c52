package io.wschannels.cdi;

import jakarta.websocket.server.HandshakeRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the handshake request carried that a {@code Session} does not expose: its headers. Taken in
 * {@code modifyHandshake} and handed to the session through the per-connection user properties,
 * which Jakarta WebSocket 2.1 guarantees to copy per connection.
 *
 * <p>Kept for the whole life of every connection, so stored compactly: one array of alternating
 * names and values, searched case-insensitively (a request has a dozen headers or so). The map view
 * is built only when asked for.
 */
final class Handshake {

    static final String KEY = Handshake.class.getName();

    static final Handshake NONE = new Handshake(new String[0]);

    /**
     * Headers that only negotiate the upgrade itself: not kept, since they say nothing about the
     * client and would cost every connection memory for its whole life.
     */
    static final java.util.Set<String> UPGRADE_ONLY = java.util.Set.of("upgrade", "connection", "sec-websocket-key",
            "sec-websocket-version", "sec-websocket-extensions", "sec-websocket-accept");

    private final String[] namesAndValues;

    private Handshake(String[] namesAndValues) {
        this.namesAndValues = namesAndValues;
    }

    static Handshake of(HandshakeRequest request) {
        Map<String, List<String>> headers = request.getHeaders();
        if (headers == null || headers.isEmpty()) {
            return NONE;
        }
        List<String> pairs = new ArrayList<>(headers.size() * 2);
        headers.forEach((name, values) -> {
            if (name != null && values != null && !UPGRADE_ONLY.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                for (String value : values) {
                    pairs.add(name);
                    pairs.add(value);
                }
            }
        });
        return new Handshake(pairs.toArray(String[]::new));
    }

    /** The first value of a header, any case, or {@code null}. */
    String header(String name) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i].equalsIgnoreCase(name)) {
                return namesAndValues[i + 1];
            }
        }
        return null;
    }

    /** All headers, in a map whose lookups ignore case. */
    Map<String, List<String>> headers() {
        Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.computeIfAbsent(namesAndValues[i], k -> new ArrayList<>()).add(namesAndValues[i + 1]);
        }
        map.replaceAll((name, values) -> List.copyOf(values));
        return Collections.unmodifiableMap(map);
    }
}
