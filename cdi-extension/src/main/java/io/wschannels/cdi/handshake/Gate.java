package io.wschannels.cdi.handshake;

import io.wschannels.Connection;
import io.wschannels.InvalidTokenException;
import io.wschannels.TokenVerifier;
import io.wschannels.cdi.discovery.ChannelDefinition;
import io.wschannels.cdi.json.Envelopes;
import io.wschannels.cdi.metrics.ChannelMetrics;
import jakarta.websocket.CloseReason;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Who may open a connection to a channel: the origin check every channel has, and the
 * authentication of {@code @Authenticated} channels. Asked twice where the server allows it: by a
 * hook in front of the upgrade (a servlet filter, a Grizzly filter) that can still answer with an
 * HTTP status, and in the handshake itself, which decides and hands the user to the connection.
 */
public final class Gate {

    private static final Logger LOG = Logger.getLogger(Gate.class.getName());

    /** The protocol name that marks the token in {@code Sec-WebSocket-Protocol}: {@code ["bearer", token]}. */
    public static final String BEARER_PROTOCOL = "bearer";

    /** What a handshake request carries that the gate reads. */
    public interface Request {
        /** Every value of a header, any case, possibly empty. */
        List<String> headers(String name);

        /** The first value of a header, any case, or {@code null}. */
        default String header(String name) {
            List<String> values = headers(name);
            return values.isEmpty() ? null : values.get(0);
        }

        /** The first value of a query parameter, or {@code null}. */
        String queryParam(String name);

        /** The user the server authenticated, or {@code null}. */
        Principal containerUser();
    }

    /**
     * The decision for one handshake: admitted (with the user on authenticated channels), or
     * refused with an HTTP status, a close code and a message for the client.
     */
    public record Verdict(
            Principal user,
            int status,
            CloseReason.CloseCode closeCode,
            String message,
            String code,
            boolean beforeUpgrade,
            String why) {

        /** Admitted, as nobody in particular. */
        public static final Verdict OPEN = new Verdict(null, 0, null, null, null, false, null);

        /** @return whether the client is refused */
        public boolean refused() {
            return status != 0;
        }

        /**
         * @param definition the channel that refused
         * @return for the log: who was refused and why, without the token
         */
        public String describe(ChannelDefinition definition) {
            return definition.describe() + " refused a connection "
                    + (beforeUpgrade ? "with HTTP " + status : "after the upgrade with " + closeCode.getCode()) + ": "
                    + why;
        }

        /** @return the close reason sent when the refusal happens after the upgrade */
        public String reason() {
            return Envelopes.refusal(message, code);
        }

        /** @return why the client is refused, for the metrics */
        public ChannelMetrics.Refusal refusal() {
            return "forbidden_origin".equals(code)
                    ? ChannelMetrics.Refusal.ORIGIN
                    : ChannelMetrics.Refusal.AUTHENTICATION;
        }

        /** @return the log level of this refusal: a failing verifier is the server's problem */
        public Level logLevel() {
            return status == 500 ? Level.WARNING : Level.INFO;
        }
    }

    /**
     * An HTTP answer instead of the upgrade, for hooks in front of the WebSocket container.
     *
     * @param status 401, 403 or 500
     * @param wwwAuthenticate the {@code WWW-Authenticate} header for 401, else {@code null}
     * @param body a JSON error envelope ({@code application/json})
     * @param reason why, for the metrics
     * @param why what the log says of it, without credentials
     */
    public record Refusal(int status, String wwwAuthenticate, String body, ChannelMetrics.Refusal reason, String why) {}

    private final TokenVerifier verifier;

    /** @param verifier the application's token verifier, or {@code null} when it has none */
    public Gate(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    /**
     * For a hook in front of the upgrade (a servlet filter, a Grizzly filter): whether to answer
     * with an HTTP status instead of upgrading. Whatever it lets through is decided again by
     * {@link #check} in the handshake.
     *
     * @return the answer, or {@code null} to let the request through; a refusal is logged here
     */
    public Refusal beforeUpgrade(ChannelDefinition definition, Request request) {
        return refusal(definition, check(definition, request));
    }

    /**
     * The HTTP answer for a verdict that refuses the client before the upgrade, for a container
     * that decides the handshake in the configurator and answers it after (the standalone server
     * on Netty), so that it is decided once.
     *
     * @return the answer, or {@code null} to go on with the upgrade; a refusal is logged here
     */
    public static Refusal refusal(ChannelDefinition definition, Verdict verdict) {
        if (!verdict.refused() || !verdict.beforeUpgrade()) {
            return null;
        }
        LOG.log(verdict.logLevel(), verdict.describe(definition));
        String challenge = verdict.status() == 401
                ? "Bearer error=\"invalid_token\", error_description=" + Envelopes.quote(verdict.message())
                : null;
        return new Refusal(
                verdict.status(),
                challenge,
                Envelopes.refusal(verdict.message(), verdict.code()),
                verdict.refusal(),
                verdict.why());
    }

    /**
     * Decides one handshake.
     *
     * @param definition the channel asked for
     * @param request what the client sent
     * @return admitted (with the user on authenticated channels), or refused
     */
    public Verdict check(ChannelDefinition definition, Request request) {
        String origin = request.header("Origin");
        if (!definition.origins().allows(origin, host(request))) {
            // Always before the upgrade: a foreign page gets no socket at all.
            return new Verdict(
                    null,
                    403,
                    Connection.FORBIDDEN,
                    "Origin not allowed",
                    "forbidden_origin",
                    true,
                    "its Origin " + origin + " is not allowed (" + definition.origins() + "); list it in"
                            + " @Route(origins) if pages from there may connect");
        }
        if (!definition.authenticated()) {
            return Verdict.OPEN;
        }
        // Browsers send an Origin and cannot read the status of a failed handshake, only a close
        // code and reason: they are refused after the upgrade, other clients before it.
        boolean beforeUpgrade = origin == null;
        String token = token(request);
        Principal containerUser = request.containerUser();
        if (token == null || verifier == null) {
            // Without a token, or nobody to check one: only the server's own user gets in.
            if (containerUser != null) {
                return admit(containerUser);
            }
            return token == null
                    ? unauthorized("No token provided", beforeUpgrade, "it presented no token")
                    : unauthorized(
                            "Invalid token",
                            beforeUpgrade,
                            "it presented a token, but the application has no " + TokenVerifier.class.getName()
                                    + " bean to verify it");
        }
        Principal user;
        try {
            user = verifier.verify(token);
        } catch (InvalidTokenException e) {
            String message = e.getMessage() == null || e.getMessage().isBlank() ? "Invalid token" : e.getMessage();
            return unauthorized(
                    message,
                    beforeUpgrade,
                    "its token was refused: " + message + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
        } catch (RuntimeException e) {
            LOG.log(
                    Level.SEVERE,
                    verifier.getClass().getName() + " failed to verify a token for " + definition.describe()
                            + "; the client is refused with \"Internal server error\". A verifier should throw"
                            + " InvalidTokenException for tokens it does not accept.",
                    e);
            return new Verdict(
                    null,
                    500,
                    CloseReason.CloseCodes.UNEXPECTED_CONDITION,
                    Envelopes.INTERNAL_ERROR,
                    null,
                    beforeUpgrade,
                    "its token verifier failed (logged above)");
        }
        if (user == null || user.getName() == null || user.getName().isEmpty()) {
            return unauthorized(
                    "Invalid token",
                    beforeUpgrade,
                    verifier.getClass().getName() + " accepted its token but returned no user name");
        }
        return admit(user);
    }

    private static Verdict admit(Principal user) {
        return new Verdict(user, 0, null, null, null, false, null);
    }

    /** 401 before the upgrade (clients that are not browsers), 4401 after it (browsers). */
    private static Verdict unauthorized(String message, boolean beforeUpgrade, String why) {
        return new Verdict(null, 401, Connection.UNAUTHORIZED, message, "unauthorized", beforeUpgrade, why);
    }

    /** The token, from the protocol header, the Authorization header or the query, in that order. */
    static String token(Request request) {
        // One header "bearer, <token>", or several lines: containers differ in how they hand it over.
        List<String> protocols = new ArrayList<>(2);
        for (String value : request.headers("Sec-WebSocket-Protocol")) {
            for (String protocol : value.split(",")) {
                protocols.add(protocol.trim());
            }
        }
        for (int i = 0; i < protocols.size() - 1; i++) {
            if (protocols.get(i).equalsIgnoreCase(BEARER_PROTOCOL)
                    && !protocols.get(i + 1).isEmpty()) {
                return protocols.get(i + 1);
            }
        }
        String authorization = request.header("Authorization");
        if (authorization != null
                && authorization.length() > 7
                && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
            if (!token.isEmpty()) {
                return token;
            }
        }
        String token = request.queryParam("token");
        return token == null || token.isEmpty() ? null : token;
    }

    /** The host the client addressed: the first {@code X-Forwarded-Host} behind a proxy, else {@code Host}. */
    private static String host(Request request) {
        String forwarded = request.header("X-Forwarded-Host");
        if (forwarded != null && !forwarded.isBlank()) {
            int comma = forwarded.indexOf(',');
            return (comma < 0 ? forwarded : forwarded.substring(0, comma))
                    .trim()
                    .toLowerCase(Locale.ROOT);
        }
        return request.header("Host");
    }
}
