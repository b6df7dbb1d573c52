package io.wschannels;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keeps the recent broadcasts of a channel's rooms and users, so that a client that lost its
 * connection receives what it missed when it comes back, in order and once, before anything newer;
 * or is told that this is impossible, so that it can reload its state.
 *
 * <pre>{@code
 * @Route("/chat/{room}")
 * @History(messages = 200, seconds = 300)   // per room and per user: the last 200, at most 5 minutes old
 * public class ChatChannel extends Channel { ... }
 * }</pre>
 *
 * <p>Every broadcast to {@code room(...)}, {@code rooms(...)}, {@code user(...)} or {@code users(...)}
 * of such a channel is kept in the stream of each room and user it names, where it gets a
 * <em>position</em>: an offset that grows by one per message, and an epoch that changes when the
 * stream's history is lost (a restart without shared storage, or nothing kept for {@link #seconds()}).
 * Broadcasts to {@code all()} and {@link Connection#send(String) sends} to one connection are not
 * kept. With {@code channels-redis}, streams live in Redis, so a client recovers on another server.
 *
 * <h2>Wire format</h2>
 * A kept broadcast reaches clients wrapped with its positions; the message itself is the
 * {@code text}, exactly as broadcast (for {@code broadcastJson}, the JSON text):
 * <pre>{@code {"type":"channels:message","at":{"room:lobby":"k2x9:42"},"text":"{\"type\":\"chat\",...}"}}</pre>
 * Streams are named {@code room:<name>} and {@code user:<id>}; a position is opaque text to echo
 * back. A client that comes back names, in the query parameter {@code channels.resume} of its
 * handshake, the last position it saw of each stream, as a JSON object (URL-encoded), at most
 * {@value #MAX_RESUMED_STREAMS} streams:
 * <pre>{@code wss://host/app/chat/lobby?channels.resume=%7B%22room%3Alobby%22%3A%22k2x9%3A42%22%7D}</pre>
 * The runtime runs {@code onConnect} as always; when it joins the connection to a room (or identifies
 * its user) that the client named, the messages after the client's position are sent at once, before
 * any newer one. History follows membership: a stream the new connection does not join is never
 * replayed. After {@code onConnect} the client is told the outcome for every stream it named:
 * <pre>{@code {"type":"channels:resumed","recovered":{"room:lobby":3},"impossible":{"room:old":"unavailable"}}}</pre>
 * where a reason is {@code unavailable} (older than the history, another epoch, or a position the
 * stream never had), {@code not_joined}, {@code malformed} or {@code too_many}. The browser client
 * {@code channels.js} does all of this by itself.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface History {

    /** The most streams one resume request may name; the others are answered {@code too_many}. */
    int MAX_RESUMED_STREAMS = 100;

    /** @return how many messages each stream keeps, 100 by default, at most 10,000 */
    int messages() default 100;

    /** @return how long a message is kept, in seconds, 300 by default, at most 86,400 (a day) */
    int seconds() default 300;
}
