package io.wschannels.cdi.json;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The messages every client of the library reads, built without JSON Binding so that they work
 * even when the application's JSON Binding cannot start: the {@code error}, {@code success} and
 * {@code reply} envelopes, and the close reason of a refusal.
 */
public final class Envelopes {

    /** What a client is told when the application failed: never the exception's own text. */
    public static final String INTERNAL_ERROR = "Internal server error";

    private static final DateTimeFormatter RFC_3339 =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** The most a close reason may hold: 123 bytes of UTF-8 (RFC 6455, section 5.5). */
    private static final int MAX_REASON_BYTES = 123;

    private Envelopes() {}

    /**
     * The one way a value that cannot be serialized is reported, to whoever asked for it.
     *
     * @param value what could not be serialized
     * @param destination where it was going, for example a connection or an audience
     * @param cause what JSON Binding said
     * @return the failure to hand back (in a failed stage)
     */
    public static IllegalArgumentException notSerializable(Object value, Object destination, Throwable cause) {
        return new IllegalArgumentException(
                "Could not serialize a "
                        + (value == null ? "null" : value.getClass().getName()) + " to JSON for " + destination + ": "
                        + cause.getMessage(),
                cause);
    }

    /**
     * The error envelope, {@code {"type":"error","message":...,"code":...,"ref":...,"timestamp":...}}.
     *
     * @param message what the client is told
     * @param code left out when {@code null}
     * @param ref the {@code ref} of the request it answers, as raw JSON; left out when {@code null}
     * @return the envelope
     */
    public static String error(String message, String code, String ref) {
        StringBuilder json = new StringBuilder(64 + message.length())
                .append("{\"type\":\"error\",\"message\":")
                .append(quote(message));
        if (code != null) {
            json.append(",\"code\":").append(quote(code));
        }
        if (ref != null) {
            json.append(",\"ref\":").append(ref);
        }
        return json.append(",\"timestamp\":\"")
                .append(timestamp())
                .append("\"}")
                .toString();
    }

    /**
     * The close reason of a refused connection: the error envelope without timestamp,
     * {@code {"type":"error","message":...,"code":...}}, within the protocol's 123 bytes (the
     * message is shortened with an ellipsis when it would not fit). Built without JSON Binding: it
     * must work when the application's JSON-B cannot start.
     */
    public static String refusal(String message, String code) {
        String text = message == null ? "" : message;
        while (true) {
            String json = "{\"type\":\"error\",\"message\":" + quote(text)
                    + (code == null ? "" : ",\"code\":" + quote(code)) + "}";
            if (json.getBytes(StandardCharsets.UTF_8).length <= 123 || text.isEmpty()) {
                return json;
            }
            int cut = Math.max(0, text.length() - Math.max(2, (json.length() - 123)) - 1);
            text = text.substring(0, cut > 0 && Character.isLowSurrogate(text.charAt(cut)) ? cut - 1 : cut)
                            .stripTrailing()
                    + "\u2026";
        }
    }

    /** A JSON string literal. */
    public static String quote(String text) {
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

    /**
     * @param data the payload as JSON, left out when {@code null}
     * @return {@code {"type":"success","data":...,"timestamp":...}}
     */
    public static String success(String data) {
        StringBuilder json = new StringBuilder("{\"type\":\"success\"");
        if (data != null) {
            json.append(",\"data\":").append(data);
        }
        return json.append(",\"timestamp\":\"")
                .append(timestamp())
                .append("\"}")
                .toString();
    }

    /** Now, RFC 3339 in UTC with milliseconds, as every envelope carries it. */
    /**
     * The answer to a typed request: {@code {"type":"reply","ref":...,"data":...}}, or the data as it
     * is when the request had no {@code ref}.
     *
     * @param ref the request's {@code ref} as raw JSON, or {@code null}
     * @param value the answer as JSON
     * @return the message
     */
    public static String reply(String ref, String value) {
        return ref == null ? value : "{\"type\":\"reply\",\"ref\":" + ref + ",\"data\":" + value + "}";
    }

    static String timestamp() {
        return RFC_3339.format(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    /**
     * @param reason a close reason
     * @return the reason within the protocol's 123 bytes of UTF-8, cut at a character boundary
     */
    public static String fitReason(String reason) {
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_REASON_BYTES) {
            return reason;
        }
        int end = reason.length();
        while (reason.substring(0, end).getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            end--;
            if (end > 0 && Character.isLowSurrogate(reason.charAt(end))) {
                end--;
            }
        }
        return reason.substring(0, end);
    }
}
