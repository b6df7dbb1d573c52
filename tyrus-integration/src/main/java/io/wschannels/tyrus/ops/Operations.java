package io.wschannels.tyrus.ops;

import io.wschannels.cdi.ChannelDeployment;
import io.wschannels.cdi.health.ReadinessReport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the standalone server answers besides channels and files, on either container, each when
 * enabled: {@code /metrics} and {@code /health}. One instance per server.
 */
public final class Operations {

    /** Where Prometheus scrapes. */
    public static final String METRICS = "/metrics";

    /** Where a load balancer or Kubernetes asks whether the server is ready for clients. */
    public static final String HEALTH = "/health";

    /**
     * An HTTP answer.
     *
     * @param status the status code
     * @param contentType its {@code Content-Type}
     * @param body the body
     */
    public record Answer(int status, String contentType, byte[] body) {}

    private static final Logger LOG = Logger.getLogger(Operations.class.getName());

    private final ChannelDeployment deployment;
    private final boolean metrics;
    private final boolean health;

    /**
     * @param deployment the channels
     * @param metrics whether {@code /metrics} is served
     * @param health whether {@code /health} is served
     */
    public Operations(ChannelDeployment deployment, boolean metrics, boolean health) {
        this.deployment = deployment;
        this.metrics = metrics;
        this.health = health;
    }

    /**
     * @param path a request's path
     * @return the answer, or {@code null} when the path is not one of these endpoints (or not enabled)
     */
    public Answer answer(String path) {
        if (metrics && METRICS.equals(path)) {
            try {
                return new Answer(200, PrometheusText.CONTENT_TYPE, PrometheusText.of(deployment.readings()));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not read the channels' metrics for " + METRICS, e);
                return new Answer(
                        500,
                        "text/plain;charset=UTF-8",
                        "The channels' metrics could not be read; the server's log says why."
                                .getBytes(StandardCharsets.UTF_8));
            }
        }
        if (health && HEALTH.equals(path)) {
            ReadinessReport readiness = deployment.readiness();
            return new Answer(readiness.up() ? 200 : 503, "application/json", readiness.json());
        }
        return null;
    }

    /** @return the paths it serves, for containers that register handlers by path */
    public List<String> paths() {
        List<String> paths = new ArrayList<>();
        if (metrics) {
            paths.add(METRICS);
        }
        if (health) {
            paths.add(HEALTH);
        }
        return List.copyOf(paths);
    }
}
