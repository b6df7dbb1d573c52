package io.wschannels.it.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.cdi.health.ReadinessReport;
import io.wschannels.it.app.FloodResource;
import io.wschannels.it.app.RestApplication;
import io.wschannels.testing.HealthProbe;
import io.wschannels.testing.MeteredChannel;
import io.wschannels.testing.MeteredScenario;
import io.wschannels.testing.Scraped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What an operator sees of the channels through the server's own facilities. Metrics, scraped from
 * the server's own endpoint after the scripted scenario: Micrometer's Prometheus registry on WildFly
 * (its micrometer subsystem, which the build adds to the server's configuration), MicroProfile
 * Metrics on Payara. Readiness, in the server's MicroProfile Health endpoint (on WildFly its
 * microprofile-health subsystem, which the build adds too).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OperationsOnServerIT {

    @Deployment(name = "metered", testable = false)
    static WebArchive metered() {
        return Wars.withLibrary("metered").addClasses(MeteredChannel.class, FloodResource.class, RestApplication.class);
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
