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

    static final Handshake NONE = new Handshake(new String[0], Gate.Verdict.OPEN);

    /**
     * Headers that only negotiate the upgrade itself: not kept, since they say nothing about the
     * client and would cost every connection memory for its whole life.
     */
    static final java.util.Set<String> UPGRADE_ONLY = java.util.Set.of("upgrade", "connection", "sec-websocket-key",
            "sec-websocket-version", "sec-websocket-extensions", "sec-websocket-accept");

    private final String[] namesAndValues;
    private final Gate.Verdict verdict;

    private Handshake(String[] namesAndValues, Gate.Verdict verdict) {
        this.namesAndValues = namesAndValues;
        this.verdict = verdict;
    }

    static Handshake of(HandshakeRequest request, Gate.Verdict verdict) {
        Map<String, List<String>> headers = request.getHeaders();
        if (headers == null || headers.isEmpty()) {
            return verdict == Gate.Verdict.OPEN ? NONE : new Handshake(new String[0], verdict);
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
        return new Handshake(pairs.toArray(String[]::new), verdict);
    }

    /** What the gate decided in the handshake. */
    Gate.Verdict verdict() {
        return verdict;
    }

    /** The request as the gate reads it. */
    static Gate.Request gateRequest(HandshakeRequest request) {
        return new Gate.Request() {
            @Override
            public List<String> headers(String name) {
                Map<String, List<String>> headers = request.getHeaders();
                if (headers == null) {
                    return List.of();
                }
                List<String> values = headers.get(name);
                if (values != null) {
                    return values;
                }
                for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                    if (name.equalsIgnoreCase(header.getKey())) {
                        return header.getValue() == null ? List.of() : header.getValue();
                    }
                }
                return List.of();
            }

            @Override
            public String queryParam(String name) {
                Map<String, List<String>> parameters = request.getParameterMap();
                List<String> values = parameters == null ? null : parameters.get(name);
                return values == null || values.isEmpty() ? null : values.get(0);
            }

            @Override
            public java.security.Principal containerUser() {
                return request.getUserPrincipal();
            }
        };
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
