package io.wschannels.tyrus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.cdi.health.ReadinessReport;
import io.wschannels.testing.HealthProbe;
import io.wschannels.testing.TestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * The standalone server's {@code /health}: ready while it runs, not ready from the moment it starts
 * to drain, on either container. (Not registered yet is ChannelDeployment's own test; a lost Redis
 * is the cluster test's.)
 */
class HealthTest {

    @Test
    void readyWhileRunningThenNotReadyWhileDrainingWithTheReason() throws Exception {
        ChannelServer server = ChannelServer.builder()
                .port(0)
                .beanClasses(ProbeChannel.class, Tally.class, Greeter.class)
                .health(true)
                .shutdownGrace(Duration.ofSeconds(20))
                .start();
        URI health = URI.create("http://localhost:" + server.port() + "/health");
        HealthProbe running = HealthProbe.of(health);
        assertEquals(200, running.status(), running.body().toString());
        assertEquals("UP", running.body().getString("status"));
        assertTrue(running.up(ReadinessReport.CHANNELS), running.body().toString());
        assertTrue(running.up(ReadinessReport.BROADCASTS), running.body().toString());
        assertEquals(
                "InProcess",
                running.check(ReadinessReport.BROADCASTS).getJsonObject("data").getString("transport"));
        assertNull(running.reason(ReadinessReport.CHANNELS));

        // A channel whose onClose takes its time keeps the server draining, and listening, until it returns.
        Lifecycle.closeGate = new CountDownLatch(1);
        Thread stopping = new Thread(server::close, "stopping");
        try {
            TestClient slowToClose = TestClient.connect(server.webSocketUri("/probe/lobby/slow?onclose=wait"));
            String id = slowToClose.awaitJson("hello").getString("id");
            assertEquals(
                    1,
                    HealthProbe.of(health)
                            .check(ReadinessReport.CHANNELS)
                            .getJsonObject("data")
                            .getInt("connections"));
            stopping.start();
            Lifecycle.await("closing:" + id);
            HealthProbe draining = HealthProbe.of(health);
            assertEquals(503, draining.status(), draining.body().toString());
            assertEquals("DOWN", draining.body().getString("status"));
            assertEquals(
                    "Shutting down (Server shutting down): new connections are refused",
                    draining.reason(ReadinessReport.CHANNELS));
            assertTrue(draining.up(ReadinessReport.BROADCASTS), draining.body().toString());
            slowToClose.close();
        } finally {
            Lifecycle.closeGate.countDown();
            stopping.join(30_000);
        }
        assertEquals(0, server.openConnections());
    }

    @Test
    void withoutHealthThereIsNoHealthPath() throws Exception {
        try (ChannelServer plain = ChannelServer.builder()
                .port(0)
                .beanClasses(ProbeChannel.class, Tally.class, Greeter.class)
                .start()) {
            HttpResponse<String> answer = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .build()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + plain.port() + "/health"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(404, answer.statusCode());
        }
    }
}
