package io.wschannels.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One answer of a readiness endpoint in MicroProfile Health's format: the standalone server's
 * {@code /health}, or a server's {@code /health/ready}.
 *
 * @param status the HTTP status: 200 ready, 503 not
 * @param body the JSON answer
 */
public record HealthProbe(int status, JsonObject body) {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** Asks {@code uri} until it answers {@code status}, up to the tests' timeout; returns that answer. */
    public static HealthProbe await(URI uri, int status) {
        AtomicReference<HealthProbe> last = new AtomicReference<>();
        Eventually.await(
                uri + " answers " + status,
                () -> {
                    last.set(of(uri));
                    return last.get().status() == status;
                },
                () -> last.get() == null
                        ? "no answer"
                        : last.get().status() + " " + last.get().body());
        return last.get();
    }

    /** Asks {@code uri}, asserting a JSON answer. */
    public static HealthProbe of(URI uri) {
        HttpResponse<String> answer;
        try {
            answer = HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        assertEquals(
                "application/json",
                answer.headers().firstValue("Content-Type").orElse("").replaceAll(";.*", ""),
                () -> uri + " answered " + answer.headers().map() + "\n" + answer.body());
        try (JsonReader reader = Json.createReader(new StringReader(answer.body()))) {
            return new HealthProbe(answer.statusCode(), reader.readObject());
        }
    }

    /** @return the check of that name, or {@code null} */
    public JsonObject check(String name) {
        return body.getJsonArray("checks").stream()
                .map(c -> c.asJsonObject())
                .filter(c -> c.getString("name").equals(name))
                .findFirst()
                .orElse(null);
    }

    /** @return whether the check of that name is there and UP */
    public boolean up(String name) {
        JsonObject check = check(name);
        return check != null && "UP".equals(check.getString("status"));
    }

    /**
     * @return a number in a check's data, written as a JSON number (SmallRye Health, the standalone
     *     server) or as a string (Payara writes every data value as a string)
     */
    public long number(String name, String key) {
        JsonValue value = check(name).getJsonObject("data").get(key);
        return value instanceof JsonNumber number
                ? number.longValue()
                : Long.parseLong(((JsonString) value).getString());
    }

    /** @return the reason a check gives, or {@code null} */
    public String reason(String name) {
        JsonObject check = check(name);
        return check == null || !check.containsKey("data")
                ? null
                : check.getJsonObject("data").getString("reason", null);
    }
}
