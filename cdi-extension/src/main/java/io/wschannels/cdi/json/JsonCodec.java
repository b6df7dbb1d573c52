package io.wschannels.cdi.json;

import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.StringReader;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON for one application: JSON Binding, created on first use, to serialize what channels send and
 * decode typed messages, and JSON Processing to read a message's {@code type} and {@code ref}.
 */
public final class JsonCodec implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(JsonCodec.class.getName());

    private volatile Jsonb jsonb;

    /**
     * @param value any value JSON Binding can serialize
     * @return its JSON
     * @throws RuntimeException (a {@code JsonbException}) when it cannot be serialized
     */
    public String toJson(Object value) {
        return jsonb().toJson(value);
    }

    /**
     * @param json a JSON text
     * @param type what to decode it into
     * @return the decoded value, possibly {@code null}
     * @throws RuntimeException (a {@code JsonbException}) when it does not fit the type
     */
    public Object fromJson(String json, Type type) {
        return jsonb().fromJson(json, type);
    }

    private volatile JsonReaderFactory readers;

    /**
     * Parses a message, or throws {@link jakarta.json.JsonException} when it is not JSON. The
     * factory is made once: {@link Json#createReader} looks the provider up anew on every call.
     *
     * @param text the message
     * @return its value
     */
    public JsonValue parse(String text) {
        JsonReaderFactory factory = readers;
        if (factory == null) {
            factory = Json.createReaderFactory(Map.of());
            readers = factory;
        }
        try (JsonReader reader = factory.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    private static final Pattern PROPERTY = Pattern.compile("deserialize property '([^']+)'");
    private static final Pattern POSITION =
            Pattern.compile("processing type: (?:class |interface )?([\\w.$\\[\\]]+)\\. Received event: (\\w+)");

    /**
     * What JSON Binding found wrong with a message, for the client, without class names or stack
     * details: {@code 'a' must be a number}, {@code 'tags' must be an array, not a string}.
     */
    public static String describe(Throwable e) {
        String property = null;
        Throwable innermost = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Matcher named = PROPERTY.matcher(String.valueOf(t.getMessage()));
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
            Matcher position = POSITION.matcher(String.valueOf(t.getMessage()));
            if (position.find()) {
                return subject + " must be " + kindOfType(position.group(1)) + ", not "
                        + kindOfEvent(position.group(2));
            }
        }
        return property == null
                ? "it does not fit the expected fields (a required field may be missing or null)"
                : subject + " does not fit its expected type";
    }

    private static String kindOfType(String type) {
        String simple = type.substring(type.lastIndexOf('.') + 1);
        return switch (simple) {
            case "String", "char", "Character" -> "a string";
            case "int",
                    "long",
                    "short",
                    "byte",
                    "double",
                    "float",
                    "Integer",
                    "Long",
                    "Short",
                    "Byte",
                    "Double",
                    "Float",
                    "BigDecimal",
                    "BigInteger" -> "a number";
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

    private Jsonb jsonb() {
        Jsonb current = jsonb;
        if (current == null) {
            synchronized (this) {
                current = jsonb;
                if (current == null) {
                    try {
                        current = JsonbBuilder.create();
                    } catch (RuntimeException e) {
                        throw new IllegalStateException(
                                "No JSON Binding implementation is available, so channels cannot"
                                        + " send JSON. Application servers include one; on the standalone server add"
                                        + " org.eclipse:yasson to the classpath.",
                                e);
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
