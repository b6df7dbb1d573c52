package io.wschannels.tyrus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.Delivery;
import io.wschannels.Registry;
import io.wschannels.testing.MeteredChannel;
import io.wschannels.testing.MeteredScenario;
import io.wschannels.testing.RunningServer;
import io.wschannels.testing.Scraped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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

    @Test
    void aScriptedScenarioIsCountedExactly() throws Exception {
        Registry<MeteredChannel> registry = server.registry(MeteredChannel.class);
        URI metrics = URI.create("http://localhost:" + server.port() + "/metrics");
        MeteredScenario.run(
                URI.create("ws://localhost:" + server.port()),
                () -> {
                    String kib = "x".repeat(1024);
                    List<CompletableFuture<Delivery>> deliveries = new ArrayList<>();
                    while (registry.count("feed") > 0) {
                        deliveries.add(registry.room("feed").broadcast(kib).toCompletableFuture());
                        assertTrue(deliveries.size() < 100_000, "the stalled client was never closed");
                    }
                    deliveries.forEach(
                            delivery -> delivery.orTimeout(30, TimeUnit.SECONDS).join());
                    return deliveries.size();
                },
                () -> Scraped.from(metrics));
        // A classic histogram: its last bucket counts every callback.
        Scraped scraped = Scraped.from(metrics);
        assertEquals(
                MeteredScenario.value(scraped, "wschannels_callback_duration_seconds_count"),
                MeteredScenario.value(scraped, "wschannels_callback_duration_seconds_bucket", "le", "+Inf"));
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
}
