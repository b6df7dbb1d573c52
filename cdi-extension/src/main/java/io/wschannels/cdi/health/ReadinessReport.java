package io.wschannels.cdi.health;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

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
    public record Check(String name, boolean up, Map<String, Object> data) {}

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
            check.data().forEach((key, value) -> {
                if (value instanceof Number number) {
                    data.add(key, number.longValue());
                } else if (value instanceof Boolean flag) {
                    data.add(key, flag);
                } else {
                    data.add(key, String.valueOf(value));
                }
            });
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
