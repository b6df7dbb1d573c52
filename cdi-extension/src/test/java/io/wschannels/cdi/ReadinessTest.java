package io.wschannels.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.Channel;
import io.wschannels.Route;
import io.wschannels.cdi.health.ReadinessReport;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The readiness a deployment reports through its life: not registered, ready, draining. */
class ReadinessTest {

    @Route("/ready/{room}")
    public static class ReadyChannel extends Channel {}

    @Test
    void notReadyBeforeTheChannelsAreRegisteredReadyThenNotReadyOnceDraining() {
        ChannelDeployment deployment =
                ChannelDeployment.withoutCdi(List.<Class<? extends Channel>>of(ReadyChannel.class));

        ReadinessReport before = deployment.readiness();
        assertFalse(before.up());
        assertEquals(
                "The channels are not registered with the WebSocket container yet",
                before.check(ReadinessReport.CHANNELS).data().get("reason"));
        assertTrue(before.check(ReadinessReport.BROADCASTS).up());
        assertEquals("DOWN", json(before).getString("status"));

        deployment.endpointConfigs(null);
        ReadinessReport running = deployment.readiness();
        assertTrue(running.up());
        assertEquals(
                Map.of("channels", 1, "connections", 0),
                running.check(ReadinessReport.CHANNELS).data());
        assertEquals(
                Map.of("transport", "InProcess"),
                running.check(ReadinessReport.BROADCASTS).data());
        JsonObject answer = json(running);
        assertEquals("UP", answer.getString("status"));
        assertEquals(
                List.of(ReadinessReport.CHANNELS, ReadinessReport.BROADCASTS),
                answer.getJsonArray("checks").stream()
                        .map(c -> c.asJsonObject().getString("name"))
                        .toList());
        assertEquals(
                1,
                answer.getJsonArray("checks")
                        .getJsonObject(0)
                        .getJsonObject("data")
                        .getInt("channels"));

        deployment.shutdown("Server shutting down", Duration.ZERO);
        ReadinessReport draining = deployment.readiness();
        assertFalse(draining.up());
        assertEquals(
                "Shutting down (Server shutting down): new connections are refused",
                draining.check(ReadinessReport.CHANNELS).data().get("reason"));
        JsonObject down = json(draining);
        assertEquals("DOWN", down.getString("status"));
        assertEquals("DOWN", down.getJsonArray("checks").getJsonObject(0).getString("status"));
        assertEquals("UP", down.getJsonArray("checks").getJsonObject(1).getString("status"));
    }

    private static JsonObject json(ReadinessReport readiness) {
        try (var reader = Json.createReader(new ByteArrayInputStream(readiness.json()))) {
            return reader.readObject();
        }
    }
}
