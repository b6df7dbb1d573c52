package io.wschannels.cdi.health;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Whether the channels can take clients now: the answer of the standalone server's {@code /health}
 * and of the readiness checks registered with MicroProfile Health. Not ready while the channels are
 * not registered yet, while the application drains for shutdown, and while the broadcast transport
 * cannot reach the other servers (a configured Redis that is not optional and is lost).
 *
 * @param checks the checks, always the same names in the same order
 */
public record ReadinessReport(List<Check> checks) {

    /** The check of the channels themselves: registered, and not draining. */
    public static final String CHANNELS = "wschannels-channels";

    /** The check of the broadcast transport: reaches the other servers. */
    public static final String BROADCASTS = "wschannels-broadcasts";

    /**
     * One check.
     *
     * @param name {@link #CHANNELS} or {@link #BROADCASTS}
     * @param up whether it passes
     * @param data what an operator reads beside the status: for a failing check, {@code reason}
     *     says why
     */
    public record Check(String name, boolean up, Map<String, Object> data) {

        /**
         * Hands out each datum as what both formats write: a number, or else its text.
         *
         * @param numbers takes the numeric data
         * @param texts takes the rest, as text
         */
        public void eachDatum(BiConsumer<String, Long> numbers, BiConsumer<String, String> texts) {
            data.forEach((key, value) -> {
                if (value instanceof Number number) {
                    numbers.accept(key, number.longValue());
                } else {
                    texts.accept(key, String.valueOf(value));
                }
            });
        }
    }

    /**
     * The report from the facts it weighs.
     *
     * @param registered whether the channels are registered with the WebSocket container
     * @param draining why the server shuts down, or {@code null} while it does not
     * @param channels how many channels the application has
     * @param connections how many connections are open
     * @param transport the broadcast transport's name
     * @param unreachable why the transport cannot reach the other servers, or {@code null}
     * @return the two checks
     */
    public static ReadinessReport of(
            boolean registered, String draining, int channels, int connections, String transport, String unreachable) {
        Map<String, Object> ofChannels = new LinkedHashMap<>();
        ofChannels.put("channels", channels);
        ofChannels.put("connections", connections);
        if (!registered) {
            ofChannels.put("reason", "The channels are not registered with the WebSocket container yet");
        } else if (draining != null) {
            ofChannels.put("reason", "Shutting down (" + draining + "): new connections are refused");
        }
        Map<String, Object> ofTransport = new LinkedHashMap<>();
        ofTransport.put("transport", transport);
        if (unreachable != null) {
            ofTransport.put("reason", unreachable);
        }
        return new ReadinessReport(List.of(
                new Check(CHANNELS, registered && draining == null, ofChannels),
                new Check(BROADCASTS, unreachable == null, ofTransport)));
    }

    /** @return whether every check passes */
    public boolean up() {
        return checks.stream().allMatch(Check::up);
    }

    /**
     * @param name a check's name
     * @return that check
     * @throws IllegalArgumentException when there is none of that name
     */
    public Check check(String name) {
        return checks.stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No readiness check " + name + " in " + checks));
    }

    /**
     * @return the readiness in MicroProfile Health's JSON format: {@code {"status":"UP"|"DOWN",
     *     "checks":[{"name":…,"status":…,"data":{…}}]}}
     */
    public byte[] json() {
        JsonArrayBuilder all = Json.createArrayBuilder();
        for (Check check : checks) {
            JsonObjectBuilder data = Json.createObjectBuilder();
            check.eachDatum(data::add, data::add);
            all.add(Json.createObjectBuilder()
                    .add("name", check.name())
                    .add("status", status(check.up()))
                    .add("data", data));
        }
        return Json.createObjectBuilder()
                .add("status", status(up()))
                .add("checks", all)
                .build()
                .toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String status(boolean up) {
        return up ? "UP" : "DOWN";
    }
}
