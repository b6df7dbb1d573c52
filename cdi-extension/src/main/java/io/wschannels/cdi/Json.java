package io.wschannels.cdi;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/** JSON Binding for one application, created on first use, and the envelopes built with it. */
final class Json implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Json.class.getName());
    private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private volatile Jsonb jsonb;

    String toJson(Object value) {
        return jsonb().toJson(value);
    }

    Object fromJson(String json, java.lang.reflect.Type type) {
        return jsonb().fromJson(json, type);
    }

    private volatile jakarta.json.JsonReaderFactory readers;

    /**
     * Parses a message, or throws {@link jakarta.json.JsonException} when it is not JSON. The
     * factory is made once: {@code jakarta.json.Json.createReader} looks the provider up anew on
     * every call.
     */
    jakarta.json.JsonValue parse(String text) {
        jakarta.json.JsonReaderFactory factory = readers;
        if (factory == null) {
            factory = jakarta.json.Json.createReaderFactory(java.util.Map.of());
            readers = factory;
        }
        try (jakarta.json.JsonReader reader = factory.createReader(new java.io.StringReader(text))) {
            return reader.readValue();
        }
    }

    private static final java.util.regex.Pattern PROPERTY =
            java.util.regex.Pattern.compile("deserialize property '([^']+)'");
    private static final java.util.regex.Pattern POSITION =
            java.util.regex.Pattern.compile("processing type: (?:class |interface )?([\\w.$\\[\\]]+)\\. Received event: (\\w+)");

    /**
     * What JSON Binding found wrong with a message, for the client, without class names or stack
     * details: {@code 'a' must be a number}, {@code 'tags' must be an array, not a string}.
     */
    static String describe(Throwable e) {
        String property = null;
        Throwable innermost = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            java.util.regex.Matcher named = PROPERTY.matcher(String.valueOf(t.getMessage()));
            if (property == null && named.find()) {
                property = named.group(1);
            }
            innermost = t;
        }
        String subject = property == null ? "the message" : "'" + property + "'";
        if (innermost instanceof NumberFormatException) {
            return subject + " must be a number";
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            java.util.regex.Matcher position = POSITION.matcher(String.valueOf(t.getMessage()));
            if (position.find()) {
                return subject + " must be " + kindOfType(position.group(1)) + ", not " + kindOfEvent(position.group(2));
            }
        }
        return property == null ? "it does not fit the expected fields (a required field may be missing or null)"
                : subject + " does not fit its expected type";
    }

    private static String kindOfType(String type) {
        String simple = type.substring(type.lastIndexOf('.') + 1);
        return switch (simple) {
            case "String", "char", "Character" -> "a string";
            case "int", "long", "short", "byte", "double", "float", "Integer", "Long", "Short", "Byte", "Double",
                    "Float", "BigDecimal", "BigInteger" -> "a number";
            case "boolean", "Boolean" -> "true or false";
            case "List", "Set", "Collection" -> "an array";
            default -> simple.endsWith("[]") ? "an array" : "an object";
        };
    }

    private static String kindOfEvent(String event) {
        return switch (event) {
            case "START_OBJECT" -> "an object";
            case "START_ARRAY" -> "an array";
            case "VALUE_STRING" -> "a string";
            case "VALUE_NUMBER" -> "a number";
            case "VALUE_TRUE", "VALUE_FALSE" -> "a boolean";
            case "VALUE_NULL" -> "null";
            default -> "that";
        };
    }

    /** {@code {"type":"error","message":...,"code":...,"timestamp":...}}; code left out when null. */
    String error(String message, String code) {
        return error(message, code, null);
    }

    /** The error envelope answering a message with a {@code ref} (raw JSON), or without one when null. */
    String error(String message, String code, String ref) {
        StringBuilder json = new StringBuilder(64 + message.length()).append("{\"type\":\"error\",\"message\":")
                .append(quote(message));
        if (code != null) {
            json.append(",\"code\":").append(quote(code));
        }
        if (ref != null) {
            json.append(",\"ref\":").append(ref);
        }
        return json.append(",\"timestamp\":\"").append(timestamp()).append("\"}").toString();
    }

    /**
     * The close reason of a refused connection: the error envelope without timestamp,
     * {@code {"type":"error","message":...,"code":...}}, within the protocol's 123 bytes (the
     * message is shortened with an ellipsis when it would not fit). Built without JSON Binding: it
     * must work when the application's JSON-B cannot start.
     */
    static String refusal(String message, String code) {
        String text = message == null ? "" : message;
        while (true) {
            String json = "{\"type\":\"error\",\"message\":" + quote(text)
                    + (code == null ? "" : ",\"code\":" + quote(code)) + "}";
            if (json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 123 || text.isEmpty()) {
                return json;
            }
            int cut = Math.max(0, text.length() - Math.max(2, (json.length() - 123)) - 1);
            text = text.substring(0, cut > 0 && Character.isLowSurrogate(text.charAt(cut)) ? cut - 1 : cut).stripTrailing() + "\u2026";
        }
    }

    /** A JSON string literal. */
    static String quote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    /** {@code {"type":"success","data":...,"timestamp":...}}; data left out when null. */
    String success(Object data) {
        StringBuilder json = new StringBuilder("{\"type\":\"success\"");
        if (data != null) {
            json.append(",\"data\":").append(toJson(data));
        }
        return json.append(",\"timestamp\":\"").append(timestamp()).append("\"}").toString();
    }

    /** Now, RFC 3339 in UTC with milliseconds, as every envelope carries it. */
    static String timestamp() {
        return RFC_3339.format(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    private Jsonb jsonb() {
        Jsonb current = jsonb;
        if (current == null) {
            synchronized (this) {
                current = jsonb;
                if (current == null) {
                    try {
                        current = JsonbBuilder.create();
                    } catch (RuntimeException e) {
                        throw new IllegalStateException("No JSON Binding implementation is available, so channels cannot"
                                + " send JSON. Application servers include one; on the standalone server add"
                                + " org.eclipse:yasson to the classpath.", e);
                    }
                    jsonb = current;
                }
            }
        }
        return current;
    }

    @Override
    public void close() {
        Jsonb current = jsonb;
        if (current != null) {
            try {
                current.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "Closing JSON Binding failed", e);
            }
        }
    }
}
