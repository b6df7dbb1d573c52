package io.wschannels.cdi.history;

import io.wschannels.History;
import io.wschannels.cdi.json.Envelopes;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A returning client's request to resume streams, read from its handshake, and what became of it:
 * the runtime takes each stream's position when {@code onConnect} joins the connection to it, and
 * the client is told the outcome of all of them afterwards ({@link #answer()}). Bounded: at most
 * {@link History#MAX_RESUMED_STREAMS} streams are taken, whatever the client sends; anything that is
 * not a position is answered, never thrown. Used by the connection's callbacks, one at a time.
 */
public final class Resume {

    /** The handshake's query parameter that carries the request. */
    public static final String PARAMETER = "channels.resume";
    /** Longer stream names are not read, nor echoed. */
    static final int MAX_NAME = 256;
    /** Answered for the request as a whole, when it cannot be read or names too many streams. */
    static final String WHOLE = "*";

    private final Map<String, Position> asked = new LinkedHashMap<>();
    private final Map<String, Integer> recovered = new LinkedHashMap<>();
    private final Map<String, String> impossible = new LinkedHashMap<>();
    private final Set<String> replayed = new HashSet<>();

    private Resume() {}

    /** @return the request in {@code json}, or {@code null} when there is none */
    public static Resume parse(String json) {
        if (json == null) {
            return null;
        }
        Resume resume = new Resume();
        try (JsonParser parser = Json.createParser(new StringReader(json))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                resume.impossible.put(WHOLE, "malformed");
                return resume;
            }
            int streams = 0;
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                if (event == JsonParser.Event.END_OBJECT) {
                    break;
                }
                String name = parser.getString(); // KEY_NAME
                JsonParser.Event value = parser.next();
                if (value == JsonParser.Event.START_OBJECT || value == JsonParser.Event.START_ARRAY) {
                    resume.impossible.put(WHOLE, "malformed");
                    return resume;
                }
                if (++streams > History.MAX_RESUMED_STREAMS) {
                    resume.impossible.put(WHOLE, "too_many");
                    continue;
                }
                Position position = value == JsonParser.Event.VALUE_STRING ? Position.parse(parser.getString()) : null;
                if (name.length() > MAX_NAME || !(name.startsWith("room:") || name.startsWith("user:"))) {
                    resume.impossible.put(name.length() > MAX_NAME ? WHOLE : name, "malformed");
                } else if (position == null) {
                    resume.impossible.put(name, "malformed");
                } else {
                    resume.asked.put(name, position);
                }
            }
        } catch (JsonException | IllegalStateException | NoSuchElementException e) {
            resume.asked.clear();
            resume.impossible.put(WHOLE, "malformed");
        }
        return resume;
    }

    /** @return the position the client saw last in this stream, once; {@code null} if it named none */
    public synchronized Position take(String stream) {
        return asked.remove(stream);
    }

    /** The stream's missed messages were queued. */
    public synchronized void recovered(String stream, int messages) {
        recovered.put(stream, messages);
    }

    /** The stream could not be resumed. */
    public synchronized void impossible(String stream, String reason) {
        impossible.put(stream, reason);
    }

    /**
     * @return {@code true} the first time a broadcast is replayed to this connection: one kept in two
     *     of its streams is sent once
     */
    public synchronized boolean firstReplay(String broadcastId) {
        return replayed.add(broadcastId);
    }

    /** @return what the client is told after {@code onConnect}; streams it was not joined to are {@code not_joined} */
    public synchronized String answer() {
        asked.keySet().forEach(stream -> impossible.putIfAbsent(stream, "not_joined"));
        asked.clear();
        StringBuilder json = new StringBuilder("{\"type\":\"channels:resumed\",\"recovered\":{");
        String comma = "";
        for (Map.Entry<String, Integer> entry : recovered.entrySet()) {
            json.append(comma)
                    .append(Envelopes.quote(entry.getKey()))
                    .append(':')
                    .append(entry.getValue());
            comma = ",";
        }
        json.append("},\"impossible\":{");
        comma = "";
        for (Map.Entry<String, String> entry : impossible.entrySet()) {
            json.append(comma)
                    .append(Envelopes.quote(entry.getKey()))
                    .append(':')
                    .append(Envelopes.quote(entry.getValue()));
            comma = ",";
        }
        return json.append("}}").toString();
    }
}
