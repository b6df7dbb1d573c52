package io.wschannels.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Prometheus endpoint read as Prometheus reads it: each sample by its name and labels. Labels a
 * server adds of its own (a scope, an application) are left out, so that the same key finds the
 * same sample on every server.
 */
public final class Scraped {

    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_]+)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Set<String> KEPT = Set.of("channel", "route", "reason", "code", "le");

    private final Map<String, Double> samples;
    private final String text;

    private Scraped(Map<String, Double> samples, String text) {
        this.samples = samples;
        this.text = text;
    }

    /**
     * Reads {@code uri} over HTTP/1.1, as Prometheus scrapes (the JDK client's default first request
     * offers an h2c upgrade, and Grizzly then writes its answer without Content-Type).
     */
    public static Scraped from(URI uri) {
        return read(uri, true);
    }

    /**
     * Reads {@code uri} like {@link #from(URI)}, from an endpoint known to answer without a
     * Content-Type: WildFly's Micrometer registry context (Prometheus 3 then needs
     * {@code fallback_scrape_protocol: PrometheusText0.0.4} in its scrape config, as README says).
     */
    public static Scraped fromUntyped(URI uri) {
        return read(uri, false);
    }

    private static Scraped read(URI uri, boolean typed) {
        HttpResponse<String> answer;
        try {
            answer = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .build()
                    .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        assertEquals(200, answer.statusCode(), answer.body());
        String type = answer.headers().firstValue("Content-Type").orElse(typed ? "" : "text/plain");
        assertTrue(
                type.startsWith("text/plain") || type.startsWith("application/openmetrics-text"),
                () -> uri + " answered " + answer.headers().map() + "\n" + answer.body());
        return parse(answer.body());
    }

    static Scraped parse(String text) {
        Map<String, Double> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            int open = line.indexOf('{');
            int close = line.lastIndexOf('}');
            String name = open < 0 ? line.substring(0, line.indexOf(' ')) : line.substring(0, open);
            Map<String, String> labels = new TreeMap<>();
            if (open >= 0) {
                Matcher label = LABEL.matcher(line.substring(open + 1, close));
                while (label.find()) {
                    if (KEPT.contains(label.group(1))) {
                        labels.put(label.group(1), label.group(2));
                    }
                }
            }
            String value = line.substring((open < 0 ? line.indexOf(' ') : close + 1))
                    .trim()
                    .split(" ")[0];
            samples.put(name + labels, Double.valueOf(value));
        }
        return new Scraped(samples, text);
    }

    /**
     * The value of one channel's sample.
     *
     * @param channel the channel class's simple name
     * @param route its route
     * @param name the sample's name
     * @param labels more labels, as name, value, ...
     * @return its value, or {@code null} if there is no such sample
     */
    public Double of(String channel, String route, String name, String... labels) {
        Map<String, String> all = new TreeMap<>(Map.of("channel", channel, "route", route));
        for (int i = 0; i < labels.length; i += 2) {
            all.put(labels[i], labels[i + 1]);
        }
        return samples.get(name + all);
    }

    /** @return the text as it was read */
    @Override
    public String toString() {
        return text;
    }
}
