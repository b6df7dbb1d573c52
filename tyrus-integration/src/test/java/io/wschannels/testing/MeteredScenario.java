package io.wschannels.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The scripted scenario every server's metrics are proved with, against {@code MeteredChannel}
 * ({@code /metered/{room}}, a 64 KiB outbound queue): three clients opened, one refused for its
 * origin, ten messages, one slow consumer closed; then each count is found exactly in what the
 * server's own metrics endpoint answers.
 */
public final class MeteredScenario {

    private static final String CHANNEL = "MeteredChannel";
    private static final String ROUTE = "/metered/{room}";

    private MeteredScenario() {}

    /**
     * Runs it.
     *
     * @param base the application's WebSocket address, {@code ws://host:port/context}, no slash at the end
     * @param flood broadcasts 1 KiB messages to the room {@code feed} until it is empty, and returns how many
     * @param scrape reads the server's metrics endpoint
     */
    public static void run(URI base, IntSupplier flood, Supplier<Scraped> scrape) throws Exception {
        try (TestClient first = TestClient.connect(URI.create(base + "/metered/quiet"));
                TestClient second = TestClient.connect(URI.create(base + "/metered/quiet"));
                RawClient stalled = RawClient.connect(base.getPort(), base.getPath() + "/metered/feed", 4096)) {
            Eventually.await(
                    "three clients are counted as open", () -> value(scrape.get(), "wschannels_connections") == 3);
            Upgrade.Answer evil =
                    Upgrade.request(URI.create(base + "/metered/quiet"), Map.of("Origin", "https://evil.example.com"));
            assertEquals(403, evil.status(), evil.toString());
            int bytes = 0;
            for (int i = 0; i < 10; i++) {
                String message = "message " + i + " é"; // é is two bytes in UTF-8
                first.send(message);
                bytes += message.getBytes(StandardCharsets.UTF_8).length;
            }
            first.roundTrip();
            // The stalled client reads nothing: broadcasts to its room fill its queue until it is closed.
            int broadcasts = flood.getAsInt();
            // Three onConnect, ten onMessage and the stalled client's onClose.
            Eventually.await(
                    "the slow consumer is closed and its onClose has run",
                    () -> {
                        Scraped now = scrape.get();
                        return value(now, "wschannels_connections") == 2
                                && value(now, "wschannels_callback_duration_seconds_count") == 14;
                    },
                    scrape::get);

            Scraped scraped = scrape.get();
            assertEquals(3, value(scraped, "wschannels_connections_opened_total"), scraped::toString);
            assertEquals(1, value(scraped, "wschannels_connections_refused_total", "reason", "origin"));
            for (String reason :
                    new String[] {"authentication", "capacity", "user_limit", "rejected", "error", "shutdown"}) {
                assertEquals(0, value(scraped, "wschannels_connections_refused_total", "reason", reason), reason);
            }
            assertEquals(1, value(scraped, "wschannels_connections_closed_total", "code", "1008"));
            assertEquals(10, value(scraped, "wschannels_messages_received_total"));
            assertEquals(bytes, value(scraped, "wschannels_received_bytes_total"));
            assertEquals(1, value(scraped, "wschannels_slow_consumer_closes_total"));
            assertEquals(broadcasts, value(scraped, "wschannels_broadcasts_total"));
            assertEquals(broadcasts, value(scraped, "wschannels_broadcast_delivery_duration_seconds_count"));
            assertEquals(0, value(scraped, "wschannels_callback_errors_total"));
            assertEquals(0, value(scraped, "wschannels_rate_limited_messages_total"));
            assertEquals(0, value(scraped, "wschannels_heartbeat_timeouts_total"));
            assertTrue(value(scraped, "wschannels_messages_sent_total") >= broadcasts - 1, scraped::toString);
            assertEquals(0, value(scraped, "wschannels_outbound_queued_bytes"));
        }
    }

    /** A sample of {@code MeteredChannel}; fails if the server has no such sample. */
    public static double value(Scraped scraped, String name, String... labels) {
        Double value = scraped.of(CHANNEL, ROUTE, name, labels);
        if (value == null) {
            throw new AssertionError(
                    "No sample " + name + " " + String.join(",", labels) + " for " + CHANNEL + " in:\n" + scraped);
        }
        return value;
    }
}
