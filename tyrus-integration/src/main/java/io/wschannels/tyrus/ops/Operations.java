package io.wschannels.tyrus.ops;

import io.wschannels.cdi.ChannelDeployment;
import io.wschannels.cdi.health.ReadinessReport;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the standalone server answers besides channels and files, on either container, each when
 * enabled: {@code /metrics}, {@code /health}, and the admin view's data at
 * {@code /wschannels/admin.json} for requests that bear the admin token (the admin page itself is a
 * static file of the library's jar). One instance per server.
 */
public final class Operations {

    /** Where Prometheus scrapes. */
    public static final String METRICS = "/metrics";

    /** Where a load balancer or Kubernetes asks whether the server is ready for clients. */
    public static final String HEALTH = "/health";

    /** Where the admin page reads what it shows, with the admin token. */
    public static final String ADMIN = "/wschannels/admin.json";

    /** The shortest admin token taken: a token is all that guards the admin view. */
    public static final int MIN_ADMIN_TOKEN_LENGTH = 16;

    /**
     * An HTTP answer.
     *
     * @param status the status code
     * @param contentType its {@code Content-Type}
     * @param body the body
     * @param challenge the {@code WWW-Authenticate} header of a 401, else {@code null}
     */
    public record Answer(int status, String contentType, byte[] body, String challenge) {
        Answer(int status, String contentType, byte[] body) {
            this(status, contentType, body, null);
        }
    }

    private static final Logger LOG = Logger.getLogger(Operations.class.getName());

    private final ChannelDeployment deployment;
    private final boolean metrics;
    private final boolean health;
    private final byte[] adminToken;

    /**
     * @param deployment the channels
     * @param metrics whether {@code /metrics} is served
     * @param health whether {@code /health} is served
     * @param adminToken the token the admin view asks for, or {@code null} for no admin view
     * @throws IllegalArgumentException if the token is shorter than {@value #MIN_ADMIN_TOKEN_LENGTH}
     *     characters or holds white space
     */
    public Operations(ChannelDeployment deployment, boolean metrics, boolean health, String adminToken) {
        this.deployment = deployment;
        this.metrics = metrics;
        this.health = health;
        this.adminToken = adminToken == null ? null : checkedToken(adminToken, "the admin token");
    }

    /**
     * @param token an admin token
     * @param what where it comes from, for the message
     * @return its bytes
     * @throws IllegalArgumentException if it is too short or holds white space
     */
    public static byte[] checkedToken(String token, String what) {
        if (token.length() < MIN_ADMIN_TOKEN_LENGTH || !token.chars().noneMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(what + " has " + token.length() + " characters"
                    + ": an admin token needs at least " + MIN_ADMIN_TOKEN_LENGTH + ", without white space, since it"
                    + " alone guards the admin view (for example the output of: openssl rand -base64 24)");
        }
        return token.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param path a request's path
     * @param authorization its {@code Authorization} header, or {@code null}
     * @return the answer, or {@code null} when the path is not one of these endpoints (or not enabled)
     */
    public Answer answer(String path, String authorization) {
        if (adminToken != null && ADMIN.equals(path)) {
            return admin(authorization);
        }
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

    private Answer admin(String authorization) {
        String bearer = "Bearer ";
        if (authorization == null || !authorization.regionMatches(true, 0, bearer, 0, bearer.length())) {
            return new Answer(
                    401,
                    "application/json",
                    "{\"error\":\"The admin view needs the admin token: send Authorization: Bearer <token>\"}"
                            .getBytes(StandardCharsets.UTF_8),
                    "Bearer realm=\"wschannels-admin\"");
        }
        byte[] presented = authorization.substring(bearer.length()).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(presented, adminToken)) {
            LOG.warning("A request for " + ADMIN + " presented a wrong admin token; it was refused with 403");
            return new Answer(
                    403,
                    "application/json",
                    "{\"error\":\"This is not the admin token\"}".getBytes(StandardCharsets.UTF_8));
        }
        return new Answer(200, "application/json", deployment.adminView());
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
        if (adminToken != null) {
            paths.add(ADMIN);
        }
        return List.copyOf(paths);
    }
}
