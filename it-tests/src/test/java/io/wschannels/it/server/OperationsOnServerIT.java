package io.wschannels.it.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.cdi.health.ReadinessReport;
import io.wschannels.it.app.FloodResource;
import io.wschannels.it.app.RestApplication;
import io.wschannels.it.secured.AdminLogin;
import io.wschannels.testing.Eventually;
import io.wschannels.testing.HealthProbe;
import io.wschannels.testing.MeteredChannel;
import io.wschannels.testing.MeteredScenario;
import io.wschannels.testing.Scraped;
import io.wschannels.testing.TestClient;
import io.wschannels.testing.Upgrade;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What an operator sees of the channels through the server's own facilities. Metrics, scraped from
 * the server's own endpoint after the scripted scenario: Micrometer's Prometheus registry on WildFly
 * (its micrometer subsystem, which the build adds to the server's configuration), MicroProfile
 * Metrics on Payara. Readiness, in the server's MicroProfile Health endpoint (on WildFly its
 * microprofile-health subsystem, which the build adds too). The admin view, for the role the WAR's
 * web.xml names only, through the server's own authentication (Jakarta Security's HTTP Basic here).
 * Tracing, through the server's MicroProfile Telemetry, exported to an OTLP receiver in the test.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OperationsOnServerIT {

    /** Where the servers export their spans: the WAR's MicroProfile Config points them here. */
    static final OtlpReceiver OTLP = OtlpReceiver.start();

    @Deployment(name = "metered", testable = false)
    static WebArchive metered() {
        return Wars.withLibrary("metered")
                .addAsResource(
                        new StringAsset(String.join(
                                "\n",
                                "otel.sdk.disabled=false",
                                "otel.traces.exporter=otlp",
                                "otel.exporter.otlp.protocol=http/protobuf",
                                "otel.exporter.otlp.endpoint=" + OTLP.endpoint(),
                                "otel.bsp.schedule.delay=100",
                                "otel.metrics.exporter=none",
                                "otel.logs.exporter=none",
                                "otel.service.name=metered",
                                "")),
                        "META-INF/microprofile-config.properties")
                .addClasses(MeteredChannel.class, FloodResource.class, RestApplication.class, AdminLogin.class)
                .setWebXML(new StringAsset("<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">"
                        + "<context-param><param-name>channels.admin.role</param-name>"
                        + "<param-value>" + AdminLogin.ROLE + "</param-value></context-param></web-app>"));
    }

    @ArquillianResource
    URL app;

    @Test
    void aScriptedScenarioIsCountedExactlyInTheServersMetrics() throws Exception {
        String base = app.toString().replaceAll("/$", "");
        MeteredScenario.run(URI.create(base.replaceFirst("^http", "ws")), () -> flood(base), this::scrape);
    }

    @Test
    void theChannelsAreReadyInTheServersHealthEndpoint() {
        HealthProbe probe = HealthProbe.of(readiness(app));
        assertEquals(200, probe.status(), probe.body().toString());
        assertTrue(probe.up(ReadinessReport.CHANNELS), probe.body().toString());
        assertTrue(probe.up(ReadinessReport.BROADCASTS), probe.body().toString());
        assertEquals(
                1,
                probe.number(ReadinessReport.CHANNELS, "channels"),
                probe.body().toString());
        assertEquals(
                "InProcess",
                probe.check(ReadinessReport.BROADCASTS).getJsonObject("data").getString("transport"),
                probe.body().toString());
    }

    @Test
    void theAdminViewIsForTheConfiguredRoleOnly() throws Exception {
        String base = app.toString().replaceAll("/$", "");
        URI view = URI.create(base + "/wschannels/admin.json");
        assertEquals(401, admin(view, null).statusCode());
        assertEquals(401, admin(view, basic("ops", "wrong")).statusCode());
        assertEquals(403, admin(view, basic("carol", "secret")).statusCode());
        try (TestClient watched =
                TestClient.connect(URI.create(base.replaceFirst("^http", "ws") + "/metered/watched"))) {
            Upgrade.Answer evil = Upgrade.request(
                    URI.create(base.replaceFirst("^http", "ws") + "/metered/watched"),
                    Map.of("Origin", "https://evil.example.com"));
            assertEquals(403, evil.status(), evil.toString());
            HttpResponse<String> answer = admin(view, basic("ops", "ops-secret"));
            assertEquals(200, answer.statusCode(), answer.body());
            JsonObject json = Json.createReader(new StringReader(answer.body())).readObject();
            JsonObject channel = json.getJsonArray("channels").getJsonObject(0);
            assertEquals("/metered/{room}", channel.getString("route"), answer.body());
            assertTrue(
                    channel.getJsonArray("largestRooms").stream()
                            .map(JsonValue::asJsonObject)
                            .anyMatch(room -> room.getString("room").equals("watched") && room.getInt("members") == 1),
                    answer.body());
            assertTrue(
                    json.getJsonArray("refusals").stream()
                            .map(JsonValue::asJsonObject)
                            .anyMatch(refusal -> refusal.getString("reason").equals("origin")
                                    && refusal.getString("why").contains("https://evil.example.com")),
                    answer.body());
        }
        HttpResponse<String> page = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "/wschannels/admin.html"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
    }

    @Test
    void aHandshakeContinuesTheClientsTraceAndEachMessageIsASpanOfIt() {
        String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        String parent = "00f067aa0ba902b7";
        String base = app.toString().replaceAll("/$", "").replaceFirst("^http", "ws");
        try (TestClient client = TestClient.connect(
                URI.create(base + "/metered/traced"), Map.of("traceparent", "00-" + trace + "-" + parent + "-01"))) {
            client.send("one");
            client.send("two");
            client.roundTrip();
        }
        Eventually.await(
                "the server exports the handshake's span and two messages' spans",
                () -> OTLP.spans().stream()
                                .filter(s -> s.traceId().equals(trace))
                                .count()
                        >= 3,
                OTLP::spans);
        List<OtlpReceiver.Received> traced =
                OTLP.spans().stream().filter(s -> s.traceId().equals(trace)).toList();
        OtlpReceiver.Received handshake = traced.stream()
                .filter(s -> s.name().equals("GET /metered/{room}"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no handshake span in " + traced));
        assertEquals(parent, handshake.parentSpanId(), "continues the client's traceparent");
        assertEquals("SPAN_KIND_SERVER", handshake.kind());
        assertEquals("admitted", handshake.attributes().get("wschannels.outcome"), handshake::toString);
        assertEquals("MeteredChannel", handshake.attributes().get("wschannels.channel"));
        List<OtlpReceiver.Received> messages = traced.stream()
                .filter(s -> s.name().equals("process /metered/{room}"))
                .toList();
        assertEquals(2, messages.size(), traced::toString);
        for (OtlpReceiver.Received message : messages) {
            assertEquals(handshake.spanId(), message.parentSpanId(), "a span of its connection's handshake");
            assertEquals("SPAN_KIND_CONSUMER", message.kind());
            assertEquals("ok", message.attributes().get("wschannels.outcome"));
        }
    }

    private static HttpResponse<String> admin(URI view, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(view);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The server's MicroProfile Health readiness endpoint. */
    static URI readiness(URL app) {
        return wildfly()
                ? URI.create("http://localhost:9990/health/ready")
                : URI.create(app.getProtocol() + "://" + app.getHost() + ":" + app.getPort() + "/health/ready");
    }

    private static boolean wildfly() {
        return "wildfly".equals(System.getProperty("arquillian.launch"));
    }

    /** The server's own metrics endpoint. */
    private Scraped scrape() {
        if (wildfly()) {
            // Micrometer's Prometheus registry, on the management interface, which answers without
            // a Content-Type.
            return Scraped.fromUntyped(URI.create("http://localhost:9990/prometheus"));
        }
        // MicroProfile Metrics, the application's scope.
        return Scraped.from(URI.create(
                app.getProtocol() + "://" + app.getHost() + ":" + app.getPort() + "/metrics?scope=application"));
    }

    private static int flood(String base) {
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(base + "/api/metered/feed/flood"))
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer.body());
            return Integer.parseInt(answer.body().trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
