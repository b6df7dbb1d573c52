package io.wschannels.tyrus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.Delivery;
import io.wschannels.Registry;
import io.wschannels.testing.Eventually;
import io.wschannels.testing.RawClient;
import io.wschannels.testing.RunningServer;
import io.wschannels.testing.TestClient;
import io.wschannels.testing.Upgrade;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The standalone server's {@code /metrics}, scraped after a scripted scenario: three clients
 * opened, one refused for its origin, ten messages, one slow consumer closed. Each count is found
 * exactly, on either container.
 */
class MetricsTest {

    @RegisterExtension
    static final RunningServer server = RunningServer.with(
            builder -> builder.beanClasses(MeteredChannel.class).metrics(true));

    private static final Pattern LABEL = Pattern.compile("([a-z_]+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    @Test
    void aScriptedScenarioIsCountedExactly() throws Exception {
        Registry<MeteredChannel> registry = server.registry(MeteredChannel.class);
        try (TestClient first = TestClient.connect(server.webSocketUri("/metered/quiet"));
                TestClient second = TestClient.connect(server.webSocketUri("/metered/quiet"));
                RawClient stalled = RawClient.connect(server.port(), "/metered/feed", 4096)) {
            Eventually.await(
                    "three clients are in", () -> registry.connections().size() == 3);
            assertEquals(
                    403,
                    Upgrade.request(server.webSocketUri("/metered/quiet"), Map.of("Origin", "https://evil.example.com"))
                            .status());
            int bytes = 0;
            for (int i = 0; i < 10; i++) {
                String message = "message " + i + " é"; // é is two bytes in UTF-8
                first.send(message);
                bytes += message.getBytes(StandardCharsets.UTF_8).length;
            }
            first.roundTrip();
            // The stalled client reads nothing: broadcasts to its room fill its queue until it is closed.
            String kib = "x".repeat(1024);
            List<CompletableFuture<Delivery>> deliveries = new ArrayList<>();
            while (registry.count("feed") > 0) {
                deliveries.add(registry.room("feed").broadcast(kib).toCompletableFuture());
                assertTrue(deliveries.size() < 100_000, "the stalled client was never closed");
            }
            for (CompletableFuture<Delivery> delivery : deliveries) {
                delivery.get(30, TimeUnit.SECONDS);
            }
            int broadcasts = deliveries.size();
            Eventually.await(
                    "the stalled client is closed", () -> registry.connections().size() == 2);

            Map<String, Double> scraped = scrape(200);
            assertEquals(2, scraped.get(key("wschannels_connections")));
            assertEquals(3, scraped.get(key("wschannels_connections_opened_total")));
            assertEquals(1, scraped.get(key("wschannels_connections_refused_total", "reason", "origin")));
            for (String reason :
                    new String[] {"authentication", "capacity", "user_limit", "rejected", "error", "shutdown"}) {
                assertEquals(0, scraped.get(key("wschannels_connections_refused_total", "reason", reason)), reason);
            }
            assertEquals(1, scraped.get(key("wschannels_connections_closed_total", "code", "1008")));
            assertEquals(10, scraped.get(key("wschannels_messages_received_total")));
            assertEquals(bytes, scraped.get(key("wschannels_received_bytes_total")));
            assertEquals(1, scraped.get(key("wschannels_slow_consumer_closes_total")));
            assertEquals(broadcasts, scraped.get(key("wschannels_broadcasts_total")));
            assertEquals(broadcasts, scraped.get(key("wschannels_broadcast_delivery_duration_seconds_count")));
            assertEquals(0, scraped.get(key("wschannels_callback_errors_total")));
            assertEquals(0, scraped.get(key("wschannels_rate_limited_messages_total")));
            assertEquals(0, scraped.get(key("wschannels_heartbeat_timeouts_total")));
            // Three onConnect, ten onMessage and the stalled client's onClose.
            assertEquals(14, scraped.get(key("wschannels_callback_duration_seconds_count")));
            assertEquals(14, scraped.get(key("wschannels_callback_duration_seconds_bucket", "le", "+Inf")));
            assertTrue(scraped.get(key("wschannels_messages_sent_total")) >= broadcasts - 1);
            assertEquals(0, scraped.get(key("wschannels_outbound_queued_bytes")));
        }
    }

    @Test
    void withoutMetricsThereIsNoMetricsPath() throws Exception {
        try (ChannelServer plain = ChannelServer.builder()
                .port(0)
                .beanClasses(MeteredChannel.class)
                .metrics(false)
                .start()) {
            HttpResponse<String> answer = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .build()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + plain.port() + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(404, answer.statusCode());
        }
    }

    /** A sample's key as {@link #scrape} files it: the channel's labels and the given ones. */
    private static String key(String name, String... more) {
        Map<String, String> labels = new TreeMap<>(Map.of("channel", "MeteredChannel", "route", "/metered/{room}"));
        for (int i = 0; i < more.length; i += 2) {
            labels.put(more[i], more[i + 1]);
        }
        return name + labels;
    }

    /** {@code /metrics}, as Prometheus reads it: each sample by its name and labels. */
    private static Map<String, Double> scrape(int status) throws Exception {
        // HTTP/1.1 as Prometheus scrapes: the JDK client's default first request offers an h2c
        // upgrade, and Grizzly then writes its answer without Content-Type.
        HttpResponse<String> answer = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(status, answer.statusCode(), answer.body());
        String type = answer.headers().firstValue("Content-Type").orElse("");
        assertTrue(
                type.replace(" ", "").startsWith("text/plain;version=0.0.4"),
                answer.headers().map()::toString);
        Map<String, Double> samples = new HashMap<>();
        for (String line : answer.body().split("\n")) {
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
                    labels.put(label.group(1), label.group(2));
                }
            }
            String value = line.substring((open < 0 ? line.indexOf(' ') : close + 1))
                    .trim()
                    .split(" ")[0];
            samples.put(name + labels, Double.valueOf(value));
        }
        return samples;
    }
}
