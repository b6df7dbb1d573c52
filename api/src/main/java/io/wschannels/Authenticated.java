package io.wschannels;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Admits only authenticated users to a channel, beside {@link Route}.
 *
 * <pre>{@code
 * @Route("/notifications")
 * @Authenticated
 * public class NotificationChannel extends Channel {
 *     @Override
 *     public void onConnect() {
 *         String user = connection().userPrincipal().getName(); // never null here
 *     }
 * }
 * }</pre>
 *
 * <h2>Who is admitted</h2>
 * A client that presents a token the application's {@link TokenVerifier} bean accepts, or whom the
 * server itself authenticated (a {@link java.security.Principal} from Jakarta Security, a login
 * session); a token wins when there are both. The token is read from, in this order:
 * <ol>
 *   <li>the {@code Sec-WebSocket-Protocol} header: a browser connects with
 *       {@code new WebSocket(url, ["bearer", token])}, since browsers cannot set other headers; the
 *       server answers with the protocol {@code bearer}, never echoing the token. This keeps the
 *       token out of URLs and access logs: prefer it;</li>
 *   <li>the {@code Authorization: Bearer <token>} header;</li>
 *   <li>the {@code token} query parameter.</li>
 * </ol>
 *
 * <p>The admitted user is the connection's for its whole life:
 * {@link Connection#userPrincipal()} returns it, and the connection is already identified as
 * {@code userPrincipal().getName()} in the channel's {@link Registry} when
 * {@link Channel#onConnect()} runs, so {@code registry.user(name)} reaches it and
 * {@link Limits#maxConnectionsPerUser()} applies.
 *
 * <h2>Who is refused, and how they learn why</h2>
 * No channel instance is created for a refused client, no callback runs and nothing enters a
 * registry; the log records the refusal with the route, never the token. The reasons are
 * {@code "No token provided"}, {@code "Invalid token"}, {@code "Token expired"} (or the message of
 * the verifier's {@link InvalidTokenException}).
 * <ul>
 *   <li>Clients that are not browsers (no {@code Origin} header) are refused before the upgrade
 *       with HTTP 401, a {@code WWW-Authenticate: Bearer} header and the error envelope as body.</li>
 *   <li>Browsers are let through the upgrade and closed at once with
 *       {@link Connection#UNAUTHORIZED} (4401) and the error envelope
 *       {@code {"type":"error","message":"Invalid token","code":"unauthorized"}} as close reason: a
 *       page's script never sees the status of a failed handshake, but it does see a close code
 *       and reason, so it can tell the user and stop reconnecting.</li>
 * </ul>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Authenticated {}
