package io.wschannels.cdi.container;

import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which endpoint a request path reaches, as a Jakarta WebSocket container matches it: for the
 * containers the library is itself (the test kit, the standalone server on Netty).
 */
public final class EndpointRoutes {

    /**
     * The endpoint a path reached, and the path parameters it matched.
     *
     * @param config the endpoint's configuration
     * @param pathParameters the values of its path parameters, decoded, by name
     */
    public record Match(ServerEndpointConfig config, Map<String, String> pathParameters) {}

    private final List<ServerEndpointConfig> routes;

    /** @param routes the endpoints served */
    public EndpointRoutes(List<ServerEndpointConfig> routes) {
        this.routes = List.copyOf(routes);
    }

    /** @return the endpoints served, as given */
    public List<ServerEndpointConfig> routes() {
        return routes;
    }

    /**
     * @param path a raw request path, without query
     * @return the most specific match, or {@code null} if no endpoint listens there
     */
    public Match find(String path) {
        Match best = null;
        for (ServerEndpointConfig candidate : routes) {
            Map<String, String> matched = match(candidate.getPath(), path);
            if (matched != null
                    && (best == null
                            || moreSpecific(candidate.getPath(), best.config().getPath()))) {
                best = new Match(candidate, matched);
            }
        }
        return best;
    }

    /** Path parameters if {@code path} matches the template, else {@code null}. */
    private static Map<String, String> match(String template, String path) {
        String[] wanted =
                template.equals("/") ? new String[0] : template.substring(1).split("/", -1);
        String[] given = path == null || path.equals("/") || path.isEmpty()
                ? new String[0]
                : path.substring(1).split("/", -1);
        if (wanted.length != given.length) {
            return null;
        }
        Map<String, String> parameters = null;
        for (int i = 0; i < wanted.length; i++) {
            if (wanted[i].startsWith("{")) {
                if (given[i].isEmpty()) {
                    return null;
                }
                if (parameters == null) {
                    parameters = new LinkedHashMap<>(4);
                }
                parameters.put(
                        wanted[i].substring(1, wanted[i].length() - 1),
                        URLDecoder.decode(given[i].replace("+", "%2B"), StandardCharsets.UTF_8));
            } else if (!wanted[i].equals(given[i])) {
                return null;
            }
        }
        return parameters == null ? Map.of() : parameters;
    }

    /** At the first segment where they differ, a literal beats a parameter (as Jakarta WebSocket matches). */
    private static boolean moreSpecific(String candidate, String current) {
        String[] a = candidate.split("/");
        String[] b = current.split("/");
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            boolean aParameter = a[i].startsWith("{");
            boolean bParameter = b[i].startsWith("{");
            if (aParameter != bParameter) {
                return !aParameter;
            }
        }
        return false;
    }
}
