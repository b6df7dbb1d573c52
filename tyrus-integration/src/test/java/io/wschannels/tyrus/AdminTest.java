package io.wschannels.tyrus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.Connection;
import io.wschannels.Delivery;
import io.wschannels.Registry;
import io.wschannels.testing.Eventually;
import io.wschannels.testing.MeteredChannel;
import io.wschannels.testing.RawClient;
import io.wschannels.testing.RunningServer;
import io.wschannels.testing.TestClient;
import io.wschannels.testing.Upgrade;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The standalone server's admin view on either container: its JSON after a scripted scenario
 * (three clients in two rooms, one refused for its origin, ten messages, one stalled reader with
 * bytes waiting) shows exactly that; without the token it is 401, with another 403; the token's
 * length is checked just under and at its minimum.
 */
class AdminTest {

    private static final String TOKEN = "s3cret-admin-token-0123";

    @RegisterExtension
    static final RunningServer server = RunningServer.with(
            builder -> builder.beanClasses(MeteredChannel.class).admin(TOKEN));

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void theViewShowsTheScriptedScenario() throws Exception {
        Registry<MeteredChannel> registry = server.registry(MeteredChannel.class);
        String base = "ws://localhost:" + server.port();
        try (TestClient first = TestClient.connect(URI.create(base + "/metered/quiet"));
                TestClient second = TestClient.connect(URI.create(base + "/metered/quiet"));
                RawClient stalled = RawClient.connect(server.port(), "/metered/feed", 4096)) {
            Eventually.await(
                    "three clients are in", () -> registry.connections().size() == 3);
            Upgrade.Answer evil =
                    Upgrade.request(URI.create(base + "/metered/quiet"), Map.of("Origin", "https://evil.example.com"));
            assertEquals(403, evil.status(), evil.toString());
            for (int i = 0; i < 10; i++) {
                first.send("message " + i);
            }
            first.roundTrip();
            // The stalled client reads nothing: once the socket's buffers are full, a broadcast to
            // its room is no longer written; eight more wait in its queue, well under its 64 KiB limit.
            Connection slow = registry.members("feed").iterator().next();
            String kib = "x".repeat(1024);
            int sent = 0;
            while (true) {
                CompletableFuture<Delivery> delivery =
                        registry.room("feed").broadcast(kib).toCompletableFuture();
                try {
                    delivery.get(200, TimeUnit.MILLISECONDS);
                } catch (TimeoutException full) {
                    break;
                }
                assertTrue(++sent < 100_000, "the stalled client's socket never filled");
            }
            for (int i = 0; i < 8; i++) {
                registry.room("feed").broadcast(kib);
            }
            Eventually.await("eight broadcasts wait for the stalled client", () -> slow.queuedBytes() >= 8 * 1024);

            JsonObject view = view(TOKEN);
            assertEquals(1, view.getInt("version"));
            JsonArray channels = view.getJsonArray("channels");
            assertEquals(1, channels.size(), view::toString);
            JsonObject channel = channels.getJsonObject(0);
            assertEquals(MeteredChannel.class.getName(), channel.getString("channel"));
            assertEquals("/metered/{room}", channel.getString("route"));
            assertEquals(3, channel.getInt("connections"), view::toString);
            assertEquals(3, channel.getInt("opened"));
            assertEquals(1, channel.getJsonObject("refused").getInt("origin"));
            assertEquals(0, channel.getJsonObject("refused").getInt("authentication"));
            assertEquals(10, channel.getInt("messagesReceived"));
            assertEquals(2, channel.getInt("rooms"));
            JsonArray rooms = channel.getJsonArray("largestRooms");
            assertEquals("quiet", rooms.getJsonObject(0).getString("room"), view::toString);
            assertEquals(2, rooms.getJsonObject(0).getInt("members"));
            assertEquals("feed", rooms.getJsonObject(1).getString("room"));
            assertEquals(1, rooms.getJsonObject(1).getInt("members"));
            JsonObject slowest = channel.getJsonArray("slowest").getJsonObject(0);
            assertEquals(slow.id(), slowest.getString("connection"), view::toString);
            assertTrue(slowest.isNull("user"));
            assertTrue(slowest.getJsonNumber("queuedBytes").longValue() >= 8 * 1024, view::toString);
            JsonArray refusals = view.getJsonArray("refusals");
            assertEquals(1, refusals.size(), view::toString);
            JsonObject refusal = refusals.getJsonObject(0);
            assertEquals("origin", refusal.getString("reason"));
            assertEquals("/metered/{room}", refusal.getString("route"));
            assertTrue(refusal.getString("why").contains("https://evil.example.com"), refusal::toString);
            assertTrue(refusal.isNull("connection"), "refused before the upgrade: no connection");
        }
    }

    @Test
    void withoutTheTokenItIsRefused() throws Exception {
        HttpResponse<String> none = get(null);
        assertEquals(401, none.statusCode());
        assertEquals(
                "Bearer realm=\"wschannels-admin\"",
                none.headers().firstValue("WWW-Authenticate").orElse(null));
        assertTrue(none.body().contains("Authorization: Bearer"), none.body());
        HttpResponse<String> wrong = get("Bearer " + TOKEN + "x");
        assertEquals(403, wrong.statusCode());
        assertEquals(403, get("Bearer " + TOKEN.substring(1)).statusCode());
        assertEquals(401, get("Basic " + TOKEN).statusCode());
        assertEquals(200, get("bearer " + TOKEN).statusCode());
        HttpResponse<String> page = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/wschannels/admin.html"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("admin.json"), "the page reads the view");
    }

    @Test
    void offByDefault() throws Exception {
        try (ChannelServer plain = ChannelServer.builder()
                .port(0)
                .beanClasses(MeteredChannel.class)
                .start()) {
            HttpResponse<String> answer = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + plain.port() + "/wschannels/admin.json"))
                            .header("Authorization", "Bearer " + TOKEN)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, answer.statusCode());
        }
    }

    @Test
    void aTokenHasAtLeastSixteenCharactersAndNoSpace() {
        IllegalArgumentException short15 = assertThrows(
                IllegalArgumentException.class, () -> ChannelServer.builder().admin("123456789012345"));
        assertTrue(short15.getMessage().contains("15 characters"), short15.getMessage());
        assertTrue(short15.getMessage().contains("at least 16"), short15.getMessage());
        ChannelServer.builder().admin("1234567890123456");
        assertThrows(
                IllegalArgumentException.class, () -> ChannelServer.builder().admin("12345678 90123456"));
    }

    @Test
    void aShortTokenInTheSystemPropertyFailsTheStart() {
        System.setProperty("channels.admin.token", "short");
        try {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> ChannelServer.builder()
                            .port(0)
                            .beanClasses(MeteredChannel.class)
                            .start()
                            .close());
            assertTrue(e.getMessage().contains("channels.admin.token"), e.getMessage());
        } finally {
            System.clearProperty("channels.admin.token");
        }
    }

    private static JsonObject view(String token) throws Exception {
        HttpResponse<String> answer = get("Bearer " + token);
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(
                "application/json", answer.headers().firstValue("Content-Type").orElse(null));
        return Json.createReader(new StringReader(answer.body())).readObject();
    }

    private static HttpResponse<String> get(String authorization) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/wschannels/admin.json"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
