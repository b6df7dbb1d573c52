package io.wschannels.testkit;

import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The test kit's routing: which channel's endpoint a path reaches, as a WebSocket container matches it. */
final class KitRoutes {

    /** The endpoint a path reached, and the path parameters it matched. */
    record Match(ServerEndpointConfig config, Map<String, String> pathParameters) {}

    private final List<ServerEndpointConfig> routes;

    KitRoutes(List<ServerEndpointConfig> routes) {
        this.routes = List.copyOf(routes);
    }

    /**
     * @param path a raw request path
     * @return the best match
     * @throws IllegalArgumentException if no channel listens there, naming the routes
     */
    Match find(String path) {
        Match best = null;
        for (ServerEndpointConfig candidate : routes) {
            Map<String, String> matched = match(candidate.getPath(), path);
            if (matched != null
                    && (best == null
                            || moreSpecific(candidate.getPath(), best.config().getPath()))) {
                best = new Match(candidate, matched);
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("No channel listens on " + path + "; the routes are "
                    + routes.stream().map(ServerEndpointConfig::getPath).toList());
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
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < wanted.length; i++) {
            if (wanted[i].startsWith("{")) {
                if (given[i].isEmpty()) {
                    return null;
                }
                parameters.put(
                        wanted[i].substring(1, wanted[i].length() - 1),
                        URLDecoder.decode(given[i], StandardCharsets.UTF_8));
            } else if (!wanted[i].equals(given[i])) {
                return null;
            }
        }
        return parameters;
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
