package io.wschannels.cdi.discovery;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which web origins may open connections to a channel ({@code @Route(origins = ...)}): its own
 * origin always, listed ones, or any. Requests without an {@code Origin} header come from clients
 * that are not browsers, which cannot be made to carry a user's cookies, and are always allowed.
 */
public final class Origins {

    static final Origins SAME_ORIGIN = new Origins(false, Set.of());

    /** How many answers {@link #answers} keeps: a server sees a few origins and hosts, not more. */
    static final int MAX_ANSWERS = 256;

    private final boolean any;
    /** Normalized {@code scheme://host:port}, lower case, port always explicit. */
    private final Set<String> listed;
    /**
     * Answers by origin and host, so that a handshake parses no URI: filled up to {@link
     * #MAX_ANSWERS} and not beyond, so that clients sending a new Origin each time fill nothing.
     */
    private final Map<String, Boolean> answers = new ConcurrentHashMap<>();

    private Origins(boolean any, Set<String> listed) {
        this.any = any;
        this.listed = listed;
    }

    /** Parses {@code @Route(origins)}; adds a problem per malformed entry and returns {@code null} then. */
    static Origins parse(String channel, String[] declared, List<String> problems) {
        if (declared.length == 0) {
            return SAME_ORIGIN;
        }
        boolean any = false;
        List<String> listed = new ArrayList<>();
        int before = problems.size();
        for (String origin : declared) {
            if ("*".equals(origin)) {
                any = true;
                continue;
            }
            String normalized = normalize(origin);
            if (normalized == null) {
                problems.add(channel + ": @Route(origins) has \"" + origin + "\", which is not an origin: write"
                        + " scheme://host or scheme://host:port (for example https://app.example.com), without a path,"
                        + " or \"*\" for any origin");
            } else {
                listed.add(normalized);
            }
        }
        return problems.size() > before ? null : new Origins(any, Set.copyOf(listed));
    }

    /**
     * Whether a browser page of {@code origin} may connect to a server reached as {@code host}.
     *
     * @param origin the {@code Origin} header, {@code null} when the client is not a browser
     * @param host the host (and port) the client addressed: {@code X-Forwarded-Host} behind a
     *        proxy, else {@code Host}; may be {@code null}
     */
    public boolean allows(String origin, String host) {
        if (origin == null || any) {
            return true;
        }
        // A line break cannot be part of a header value: the key is unambiguous.
        String key = host == null ? origin : origin + '\n' + host;
        Boolean known = answers.get(key);
        if (known != null) {
            return known;
        }
        boolean allowed = decide(origin, host);
        if (answers.size() < MAX_ANSWERS) {
            answers.put(key, allowed);
        }
        return allowed;
    }

    private boolean decide(String origin, String host) {
        String normalized = normalize(origin.trim());
        if (normalized == null) {
            return false; // "null" (sandboxed frames, file: pages) and garbage
        }
        if (listed.contains(normalized)) {
            return true;
        }
        return host != null && sameHost(normalized, host.trim());
    }

    /** Same origin: the page came from the host the client addressed (scheme aside: TLS may end at a proxy). */
    private static boolean sameHost(String normalizedOrigin, String host) {
        int schemeEnd = normalizedOrigin.indexOf("://");
        String scheme = normalizedOrigin.substring(0, schemeEnd);
        String originHostPort = normalizedOrigin.substring(schemeEnd + 3);
        String requested = normalize(scheme + "://" + host);
        if (requested == null) {
            return false;
        }
        // Compare host:port, with the scheme's default port when the Host header has none.
        return requested.substring(requested.indexOf("://") + 3).equals(originHostPort);
    }

    /** {@code scheme://host:port} in lower case with the default port made explicit, or {@code null}. */
    static String normalize(String origin) {
        if (origin == null || origin.isEmpty()) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            return null;
        }
        String scheme = uri.getScheme();
        String host = uri.getHost();
        if (scheme == null
                || host == null
                || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null
                || (uri.getRawPath() != null && !uri.getRawPath().isEmpty())) {
            return null;
        }
        scheme = scheme.toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        if (port < 0) {
            port = switch (scheme) {
                case "https", "wss" -> 443;
                case "http", "ws" -> 80;
                default -> -1;
            };
        }
        if (port < 0) {
            return null;
        }
        return scheme + "://" + host.toLowerCase(Locale.ROOT) + ":" + port;
    }

    @Override
    public String toString() {
        return any ? "any origin" : listed.isEmpty() ? "same origin" : "same origin and " + listed;
    }
}
