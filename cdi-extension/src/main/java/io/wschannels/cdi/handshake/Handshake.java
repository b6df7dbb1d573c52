package io.wschannels.cdi.handshake;

import jakarta.websocket.server.HandshakeRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What the handshake request carried that a {@code Session} does not expose: its headers. Taken in
 * {@code modifyHandshake} and handed to the session through the per-connection user properties,
 * which Jakarta WebSocket 2.1 guarantees to copy per connection.
 *
 * <p>Kept for the whole life of every connection, so stored compactly: one array of alternating
 * names and values, searched case-insensitively (a request has a dozen headers or so). The map view
 * is built only when asked for.
 */
public final class Handshake {

    /** The per-connection user property that carries it from the handshake to the session. */
    public static final String KEY = Handshake.class.getName();

    /** No headers, admitted: for sessions that did not pass through the handshake hook. */
    public static final Handshake NONE = new Handshake(new String[0], Gate.Verdict.OPEN);

    /**
     * Headers that only negotiate the upgrade itself: not kept, since they say nothing about the
     * client and would cost every connection memory for its whole life.
     */
    static final Set<String> UPGRADE_ONLY = Set.of(
            "upgrade",
            "connection",
            "sec-websocket-key",
            "sec-websocket-version",
            "sec-websocket-extensions",
            "sec-websocket-accept");

    private final String[] namesAndValues;
    private final Gate.Verdict verdict;

    private Handshake(String[] namesAndValues, Gate.Verdict verdict) {
        this.namesAndValues = namesAndValues;
        this.verdict = verdict;
    }

    /**
     * @param request the handshake request
     * @param verdict what the gate decided for it
     * @return what the connection keeps of it
     */
    public static Handshake of(HandshakeRequest request, Gate.Verdict verdict) {
        Map<String, List<String>> headers = request.getHeaders();
        if (headers == null || headers.isEmpty()) {
            return verdict == Gate.Verdict.OPEN ? NONE : new Handshake(new String[0], verdict);
        }
        List<String> pairs = new ArrayList<>(headers.size() * 2);
        headers.forEach((name, values) -> {
            if (name != null && values != null && !UPGRADE_ONLY.contains(name.toLowerCase(Locale.ROOT))) {
                for (String value : values) {
                    pairs.add(name);
                    pairs.add(value);
                }
            }
        });
        return new Handshake(pairs.toArray(String[]::new), verdict);
    }

    /** @return what the gate decided in the handshake */
    public Gate.Verdict verdict() {
        return verdict;
    }

    /**
     * @param request a handshake request
     * @return the request as the gate reads it
     */
    public static Gate.Request gateRequest(HandshakeRequest request) {
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
            public Principal containerUser() {
                return request.getUserPrincipal();
            }
        };
    }

    /**
     * A request as a hook in front of the upgrade sees it (a servlet filter, a Grizzly filter).
     *
     * @param headers every value of a header, by name in any case; {@code null} or empty when absent
     * @param rawQuery the query string, or {@code null}
     * @param containerUser the user the server authenticated, or {@code null}
     * @return the request as the gate reads it
     */
    public static Gate.Request gateRequest(
            Function<String, List<String>> headers, String rawQuery, Principal containerUser) {
        return new Gate.Request() {
            @Override
            public List<String> headers(String name) {
                List<String> values = headers.apply(name);
                return values == null ? List.of() : values;
            }

            @Override
            public String queryParam(String name) {
                List<String> values = parseQuery(rawQuery).get(name);
                return values == null || values.isEmpty() ? null : values.get(0);
            }

            @Override
            public Principal containerUser() {
                return containerUser;
            }
        };
    }

    /**
     * @param name a header name, any case
     * @return its first value, or {@code null}
     */
    public String header(String name) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i].equalsIgnoreCase(name)) {
                return namesAndValues[i + 1];
            }
        }
        return null;
    }

    /** @return all headers, in a map whose lookups ignore case */
    public Map<String, List<String>> headers() {
        Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.computeIfAbsent(namesAndValues[i], k -> new ArrayList<>()).add(namesAndValues[i + 1]);
        }
        map.replaceAll((name, values) -> List.copyOf(values));
        return Collections.unmodifiableMap(map);
    }

    /**
     * @param query a raw query string, or {@code null}
     * @return its parameters, decoded, in order, each with all its values
     */
    public static Map<String, List<String>> parseQuery(String query) {
        if (query == null || query.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        params.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(params);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text; // a stray '%' is kept as written rather than refusing the connection
        }
    }
}
