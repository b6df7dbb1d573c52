package io.wschannels.cdi.discovery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A parsed {@code @Route} value. Accepts the Jakarta form ({@code /chat/{room_id}}) and Azu's form
 * ({@code /chat/:room_id}); {@link #path()} is always the Jakarta form, which is what the WebSocket
 * container is given. Two routes are equivalent when they have the same {@link #shape()}: the same
 * literal segments with parameters in the same places, whatever the parameters are called.
 */
public final class RouteTemplate {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    // RFC 3986 pchar without ':' (the Azu parameter marker), '{' and '}'; '%' for escapes.
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._~!$&'()*+,;=@%-]+");

    private final String declared;
    private final String path;
    private final String shape;
    private final List<String> parameters;

    private RouteTemplate(String declared, String path, String shape, List<String> parameters) {
        this.declared = declared;
        this.path = path;
        this.shape = shape;
        this.parameters = List.copyOf(parameters);
    }

    /**
     * Parses a route, collecting every problem rather than stopping at the first.
     *
     * @throws InvalidRouteException listing what is wrong and how to write it instead
     */
    public static RouteTemplate parse(String route) {
        List<String> problems = new ArrayList<>();
        if (route == null || route.isBlank()) {
            throw new InvalidRouteException(
                    route, List.of("it is empty; write an absolute path such as \"/chat/{room_id}\""));
        }
        if (!route.startsWith("/")) {
            problems.add("it must start with '/', as in \"/" + route + "\"");
        }
        if (route.contains("?") || route.contains("#")) {
            problems.add("it must not contain a query string or fragment ('?' or '#'); read query parameters with"
                    + " Connection.queryParam(name) instead");
        }
        if (route.chars().anyMatch(Character::isWhitespace)) {
            problems.add("it must not contain whitespace");
        }
        if (route.length() > 1 && route.endsWith("/")) {
            problems.add("it must not end with '/'; write \"" + route.replaceAll("/+$", "") + "\"");
        }
        StringBuilder path = new StringBuilder();
        StringBuilder shape = new StringBuilder();
        List<String> parameters = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String body = route.startsWith("/") ? route.substring(1) : route;
        if (body.endsWith("/")) {
            body = body.replaceAll("/+$", "");
        }
        if (!body.isEmpty()) {
            String[] segments = body.split("/", -1);
            for (int i = 0; i < segments.length; i++) {
                String segment = segments[i];
                path.append('/');
                shape.append('/');
                if (segment.isEmpty()) {
                    problems.add("segment " + (i + 1) + " is empty ('//'); remove the extra '/'");
                    continue;
                }
                String name = parameterName(segment, i + 1, problems);
                if (name != null) {
                    if (!seen.add(name)) {
                        problems.add("parameter '" + name + "' appears twice; give each parameter its own name");
                    }
                    parameters.add(name);
                    path.append('{').append(name).append('}');
                    shape.append("{}");
                } else if (!segment.startsWith(":")
                        && !segment.startsWith("{")
                        && !segment.contains("{")
                        && !segment.contains("}")
                        && !segment.contains(":")) {
                    // '?', '#' and whitespace were reported for the whole route already.
                    String rest = segment.replaceAll("[?#\\s]", "");
                    if (!rest.isEmpty() && !LITERAL.matcher(rest).matches()) {
                        problems.add("segment '" + segment + "' has characters not allowed in a URI path; use letters,"
                                + " digits and - . _ ~");
                    }
                    path.append(segment);
                    shape.append(segment);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRouteException(route, problems);
        }
        String normalized = path.length() == 0 ? "/" : path.toString();
        return new RouteTemplate(route, normalized, shape.length() == 0 ? "/" : shape.toString(), parameters);
    }

    /** Returns the parameter name if the segment is a well-formed parameter, else null (adding problems). */
    private static String parameterName(String segment, int position, List<String> problems) {
        String name;
        if (segment.startsWith(":")) {
            name = segment.substring(1);
        } else if (segment.startsWith("{") && segment.endsWith("}") && segment.length() >= 2) {
            name = segment.substring(1, segment.length() - 1);
        } else {
            if (segment.contains("{") || segment.contains("}")) {
                problems.add("segment '" + segment + "' mixes text and a parameter or has unbalanced braces; a"
                        + " parameter must be a whole segment, such as \"{room_id}\" or \":room_id\"");
            } else if (segment.contains(":")) {
                problems.add("segment '" + segment + "' has ':' inside it; an Azu-style parameter is a whole segment"
                        + " starting with ':', such as \":room_id\"");
            }
            return null;
        }
        if (!NAME.matcher(name).matches()) {
            problems.add("parameter in segment " + position + " ('" + segment + "') "
                    + (name.isEmpty() ? "has no name" : "has an invalid name '" + name + "'")
                    + "; names start with a letter or '_' and continue with"
                    + " letters, digits or '_'");
            return null;
        }
        return name;
    }

    /** The route as written in {@code @Route}. */
    public String declared() {
        return declared;
    }

    /** The route in the Jakarta form, as registered with the WebSocket container. */
    public String path() {
        return path;
    }

    /** The route with parameter names erased: equal shapes mean equivalent routes. */
    public String shape() {
        return shape;
    }

    /**
     * Whether a request path (decoded, without query) matches this route: the same number of
     * segments, literal ones equal, parameter ones not empty.
     */
    public boolean matches(String requestPath) {
        if (requestPath == null || requestPath.isEmpty()) {
            requestPath = "/";
        }
        if (shape.equals("/")) {
            return requestPath.equals("/");
        }
        String[] mine = shape.substring(1).split("/", -1);
        String[] theirs = requestPath.startsWith("/") ? requestPath.substring(1).split("/", -1) : new String[0];
        if (mine.length != theirs.length) {
            return false;
        }
        for (int i = 0; i < mine.length; i++) {
            if (mine[i].equals("{}") ? theirs[i].isEmpty() : !mine[i].equals(theirs[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Orders routes that match the same path as Jakarta WebSocket chooses between them: at the
     * first segment where they differ, a literal segment wins over a parameter.
     */
    public static final Comparator<RouteTemplate> MORE_SPECIFIC = (a, b) -> {
        String[] x = a.shape.split("/", -1);
        String[] y = b.shape.split("/", -1);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            boolean xParameter = x[i].equals("{}");
            boolean yParameter = y[i].equals("{}");
            if (xParameter != yParameter) {
                return xParameter ? 1 : -1;
            }
        }
        return 0;
    };

    /** Parameter names in order of appearance. */
    public List<String> parameters() {
        return parameters;
    }

    @Override
    public String toString() {
        return path;
    }

    /** A route that cannot be used, with every reason. */
    static final class InvalidRouteException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final List<String> problems;

        InvalidRouteException(String route, List<String> problems) {
            super("route \"" + route + "\" is malformed: " + String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        List<String> problems() {
            return problems;
        }
    }
}
