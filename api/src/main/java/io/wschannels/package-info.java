/**
 * WebSocket channels for Jakarta EE: write a class, give it a route, and every client that connects
 * to that route gets its own instance of it.
 *
 * <h2>Concepts</h2>
 * <dl>
 *   <dt>{@link io.wschannels.Channel}</dt>
 *   <dd>The server side of a WebSocket connection: a CDI bean you write by extending {@code Channel}
 *       and overriding callbacks. One instance per connection, created by CDI, so {@code @Inject}
 *       and {@code @PostConstruct}/{@code @PreDestroy} work.</dd>
 *   <dt>{@link io.wschannels.Route}</dt>
 *   <dd>The path the channel answers on, with path parameters in the Jakarta form
 *       {@code /chat/{room_id}} or Azu's {@code /chat/:room_id}. It also makes the class a bean, so no
 *       {@code beans.xml} and no {@code web.xml} are needed.</dd>
 *   <dt>{@link io.wschannels.Connection}</dt>
 *   <dd>One open connection: its parameters and headers, and the verbs to answer it. Channels
 *       reach theirs with {@code connection()}.</dd>
 *   <dt>{@link io.wschannels.Registry}</dt>
 *   <dd>The live connections of one channel, its rooms and its users. Inject
 *       {@code Registry<ChatChannel>} anywhere (channels, beans, EJBs, JAX-RS resources, timers)
 *       to join rooms, identify users and broadcast. Closed connections leave it by themselves.</dd>
 *   <dt>{@link io.wschannels.Audience}, {@link io.wschannels.Delivery}</dt>
 *   <dd>Who a broadcast goes to: {@code registry.room("lobby")}, {@code rooms(...)},
 *       {@code user(id)}, {@code users(...)}, {@code all()}, each narrowed by {@code except(connection)}
 *       or {@code exceptUser(id)}; and how many it reached.</dd>
 *   <dt>{@link io.wschannels.Presence}</dt>
 *   <dd>Who is present in a room, with metadata, on every server: inject {@code Presence<ChatChannel>},
 *       {@code track} connections, {@code list} a room; the room's members are told who comes and
 *       goes.</dd>
 *   <dt>{@link io.wschannels.Limits}</dt>
 *   <dd>Per-channel limits, each with a safe default: message size from clients (64 KiB, then
 *       1009), messages per second (100, bursts of 200, then the error envelope and 1008),
 *       connections per channel (10,000, then 1013) and per user (100, then 1013), heartbeats (a ping
 *       every 30 s, ended after 60 s without an answer), an optional idle timeout, and each
 *       connection's outbound queue (1 MiB, then the overflow policy).</dd>
 *   <dt>{@link io.wschannels.Authenticated}, {@link io.wschannels.TokenVerifier}</dt>
 *   <dd>Admit only users with a valid token (from {@code Sec-WebSocket-Protocol: bearer, <token>},
 *       {@code Authorization: Bearer} or {@code ?token=}) or authenticated by the server; the user is
 *       the connection's {@code userPrincipal()} and its identity in the registry. Refused clients
 *       get HTTP 401 before the upgrade, browsers 4401 with a JSON reason after it.</dd>
 *   <dt>{@link io.wschannels.Handle}</dt>
 *   <dd>Typed messages: one method per message {@code type}, its parameter decoded with JSON
 *       Binding and validated with Bean Validation, its return value (or the value of the
 *       {@code CompletionStage} it returns) the reply to a request's {@code ref}.</dd>
 *   <dt>{@link io.wschannels.ChannelException}</dt>
 *   <dd>What the client is meant to read: thrown from {@code onConnect} it refuses the client, from
 *       any other callback it answers with the error envelope. See the table below.</dd>
 *   <dt>{@link io.wschannels.Batched}</dt>
 *   <dd>Text messages delivered in batches (by count or delay) to {@code onBatch}, off the I/O
 *       threads, nothing lost at close.</dd>
 *   <dt>{@code @Route(origins = ...)}</dt>
 *   <dd>Which other web origins' pages may connect; by default only the server's own (others get
 *       HTTP 403), so other sites cannot hijack a user's session.</dd>
 * </dl>
 *
 * <h2>Verbs</h2>
 * One word per action, each on {@link io.wschannels.Connection} (and as a shorthand in {@code Channel}):
 * <table>
 *   <caption>What each verb does</caption>
 *   <tr><th>verb</th><th>does</th><th>when</th></tr>
 *   <tr><td>{@code send(text)}</td><td>one text message to this connection</td><td>any time while open</td></tr>
 *   <tr>
 *     <td>{@code sendJson(value)}</td>
 *     <td>{@code value} serialized with JSON Binding, to this connection</td>
 *     <td>any time while open</td>
 *   </tr>
 *   <tr>
 *     <td>{@code sendBinary(bytes)}</td>
 *     <td>one binary message to this connection</td>
 *     <td>any time while open</td>
 *   </tr>
 *   <tr>
 *     <td>{@code sendError(message[, code])}</td>
 *     <td>{@code {"type":"error","message":...,"code":...,"timestamp":...}}</td>
 *     <td>any time while open</td>
 *   </tr>
 *   <tr>
 *     <td>{@code sendSuccess(data)}</td>
 *     <td>{@code {"type":"success","data":...,"timestamp":...}}</td>
 *     <td>any time while open</td>
 *   </tr>
 *   <tr>
 *     <td>reply: return a value (or a {@code CompletionStage}) from a {@link io.wschannels.Handle} method</td>
 *     <td>{@code {"type":"reply","ref":...,"data":...}} to the request with that {@code ref}</td>
 *     <td>when the method returns, or when its stage completes</td>
 *   </tr>
 *   <tr>
 *     <td>{@code close(code, reason)}</td>
 *     <td>ends the connection after what was already sent</td>
 *     <td>any time</td>
 *   </tr>
 *   <tr>
 *     <td>reject: {@code throw new ChannelException(reason)}</td>
 *     <td>refuses the client: closed with the exception's close code and its message as the error envelope, no further
 *       callback</td>
 *     <td>from {@code onConnect}</td>
 *   </tr>
 *   <tr>
 *     <td>{@code broadcast(text)}, {@code broadcastJson(value)}</td>
 *     <td>one message to every connection of an {@link io.wschannels.Audience}, serialized once; made
 *       inside a JTA transaction, it leaves when the transaction commits, and never if it rolls back</td>
 *     <td>any time, from anywhere</td>
 *   </tr>
 *   <tr>
 *     <td>{@code immediately()}</td>
 *     <td>the same audience, whose broadcasts leave at once even inside a transaction</td>
 *     <td>before {@code broadcast}</td>
 *   </tr>
 *   <tr>
 *     <td>{@code except(connection)}, {@code exceptUser(id)}</td>
 *     <td>everyone of the audience but that connection, or that user's connections</td>
 *     <td>before {@code broadcast}</td>
 *   </tr>
 * </table>
 * Sending never blocks: each connection has an ordered outbound queue, and every verb returns a
 * {@link java.util.concurrent.CompletionStage} that tells whether the message was written (for a
 * broadcast, a {@link io.wschannels.Delivery}: to how many connections, and how many writes failed).
 * The queue is bounded (1 MiB by default, see {@link io.wschannels.Limits}): a peer that does not
 * keep up is closed with 1008 and its queue freed, and nobody else waits for it. A channel with
 * {@link io.wschannels.History} keeps its rooms' and users' recent broadcasts, so that a client that
 * lost its connection gets what it missed when it comes back.
 *
 * <h2>Lifecycle</h2>
 * <pre>
 *   client connects ──▶ instance created (@Inject, @PostConstruct) ──▶ onConnect()
 *        │                                                 onConnect() throws ──▶ refused (1008, 4403, …), @PreDestroy
 *        ▼
 *   onMessage(text) · onBinary(bytes) · onPong(data) · onError(error)     (any number, one at a time)
 *        │
 *        ▼
 *   either side closes, or the peer vanishes (1006) ──▶ onClose(code, reason) ──▶ @PreDestroy
 * </pre>
 * {@code onClose} runs exactly once for every connection whose {@code onConnect} returned without
 * throwing, however the connection ended: a close from either side, a dropped TCP connection, or
 * the server shutting down (1001). When this side closed first, {@code onClose} receives the code
 * and reason it sent. The instance is destroyed after it, so dependents are released.
 *
 * <h2>Threading</h2>
 * Callbacks run on the WebSocket container's threads, never two at a time for one connection, so a
 * channel's own fields need no locking. Different connections run in parallel: state they share
 * belongs in a thread-safe {@code @ApplicationScoped} bean. Every {@code Connection} method may be
 * called from any thread, for example from an EJB or a scheduled task holding a connection taken
 * from such a bean.
 *
 * <h2>What the client is told</h2>
 * One mapping, whichever callback throws. Every error envelope carries a {@code timestamp}, and the
 * {@code ref} of the {@link io.wschannels.Handle} request it answers; a refusal's close reason is
 * the same envelope without them, shortened to the protocol's 123 bytes.
 * <table>
 *   <caption>Exceptions and malformed messages</caption>
 *   <tr><th>what happened</th><th>in {@code onConnect}: the client is refused with</th>
 *       <th>in any other callback: the error envelope ({@code message}, {@code code}), the connection stays
 *           open</th></tr>
 *   <tr>
 *     <td>{@code throw new ChannelException(message, code)}</td>
 *     <td>1008, {@code {"type":"error","message":message,"code":code}}</td>
 *     <td>{@code message}, {@code code}</td>
 *   </tr>
 *   <tr>
 *     <td>{@code throw new AccessDeniedException(what)}</td>
 *     <td>4403, {@code Access denied: what}, {@code access_denied}</td>
 *     <td>{@code Access denied: what}, {@code access_denied}</td>
 *   </tr>
 *   <tr>
 *     <td>{@code throw new InvalidMessageException(what)}</td>
 *     <td>1008, {@code Validation failed: what}, {@code validation_failed}</td>
 *     <td>{@code Validation failed: what}, {@code validation_failed}</td>
 *   </tr>
 *   <tr>
 *     <td>{@code Registry#identify} over {@code maxConnectionsPerUser}, not caught</td>
 *     <td>1013, {@code Too many connections for this user: at most N}, {@code too_many_connections}</td>
 *     <td>the same message and code</td>
 *   </tr>
 *   <tr>
 *     <td>any other exception: logged with the channel, route and connection id, never sent</td>
 *     <td>1011, reason {@code Internal server error}</td>
 *     <td>{@code Internal server error}, {@code internal_error}</td>
 *   </tr>
 *   <tr>
 *     <td>a typed message that is not a JSON object</td>
 *     <td></td>
 *     <td>{@code Invalid JSON format}, {@code invalid_json}</td>
 *   </tr>
 *   <tr>
 *     <td>no {@code type}, or no {@code @Handle} method for it</td>
 *     <td></td>
 *     <td>{@code Unknown message type: X}, {@code unknown_type}</td>
 *   </tr>
 *   <tr>
 *     <td>fields that do not fit the method's parameter</td>
 *     <td></td>
 *     <td>{@code Invalid message format: 'a' must be a number}, {@code invalid_format}</td>
 *   </tr>
 *   <tr>
 *     <td>a Bean Validation constraint violated</td>
 *     <td></td>
 *     <td>{@code Validation failed: text must not be blank}, {@code validation_failed}</td>
 *   </tr>
 *   <tr>
 *     <td>a message over {@code messagesPerSecond}</td>
 *     <td></td>
 *     <td>{@code Rate limit exceeded}, {@code rate_limited}; after a burst of refusals in a row, close 1008 {@code Rate
 *       limit exceeded}</td>
 *   </tr>
 * </table>
 * Exceptions from {@code onClose} and {@code onError} are logged. Out-of-memory errors are not the
 * channel's to handle and reach the container.
 *
 * <p>The runtime also closes connections by itself, each time with a reason a person can read:
 * <table>
 *   <caption>Closes made by the runtime</caption>
 *   <tr><th>code</th><th>reason</th><th>when</th></tr>
 *   <tr>
 *     <td>1009</td>
 *     <td>{@code Message too big: the limit is N bytes}</td>
 *     <td>a message over {@link io.wschannels.Limits#maxMessageBytes()}</td>
 *   </tr>
 *   <tr>
 *     <td>1008</td>
 *     <td>{@code Too slow: outbound queue full}</td>
 *     <td>the outbound queue overflowed ({@link io.wschannels.Limits.Overflow#CLOSE})</td>
 *   </tr>
 *   <tr>
 *     <td>1001</td>
 *     <td>{@code No answer to heartbeats}</td>
 *     <td>no pong or message for {@link io.wschannels.Limits#pongTimeoutMillis()}</td>
 *   </tr>
 *   <tr>
 *     <td>1000</td>
 *     <td>{@code Idle timeout}</td>
 *     <td>no message for {@link io.wschannels.Limits#idleTimeoutMillis()}</td>
 *   </tr>
 *   <tr>
 *     <td>1013</td>
 *     <td>{@code Too many connections: this channel serves at most N}</td>
 *     <td>{@link io.wschannels.Limits#maxConnections()} reached</td>
 *   </tr>
 *   <tr>
 *     <td>1003</td>
 *     <td>{@code This channel accepts text messages only}</td>
 *     <td>a binary message to a channel that does not override {@code onBinary}</td>
 *   </tr>
 *   <tr>
 *     <td>1001</td>
 *     <td>{@code Server shutting down}, {@code Application stopping}</td>
 *     <td>shutdown or undeployment</td>
 *   </tr>
 *   <tr>
 *     <td>4401</td>
 *     <td>{@code {"type":"error","message":"Invalid token","code":"unauthorized"}}</td>
 *     <td>an {@link io.wschannels.Authenticated} channel refused a browser (other clients: HTTP 401)</td>
 *   </tr>
 *   <tr>
 *     <td>HTTP 403</td>
 *     <td>{@code {"type":"error","message":"Origin not allowed","code":"forbidden_origin"}}</td>
 *     <td>a page of a foreign origin (see {@code @Route(origins)})</td>
 *   </tr>
 * </table>
 * Invalid channels (no route, a malformed route, two channels on equivalent routes, a class CDI
 * cannot create, a scope other than {@code @Dependent}, out-of-range limits) fail the deployment with
 * one message listing every problem, each naming the class and the fix.
 *
 * <h2>Example: a chat room</h2>
 * <pre>{@code
 * @Route("/chat/{room_id}")
 * public class ChatChannel extends Channel {
 *
 *     @Inject
 *     Registry<ChatChannel> chat;
 *
 *     @Override
 *     public void onConnect() {
 *         String room = param("room_id");
 *         sendJson(Map.of("type", "system", "message", "Welcome to room " + room));
 *         chat.join(room, connection());
 *         chat.room(room).except(connection())
 *                 .broadcastJson(Map.of("type", "user_joined", "count", chat.count(room)));
 *     }
 *
 *     @Override
 *     public void onMessage(String message) {
 *         if (message.isBlank()) {
 *             sendError("Message cannot be empty");
 *             return;
 *         }
 *         chat.room(param("room_id")).broadcastJson(Map.of("type", "chat_message", "message", message));
 *     }
 *
 *     @Override
 *     public void onClose(CloseReason.CloseCode code, String reason) {
 *         String room = param("room_id");       // the connection has already left its rooms
 *         if (chat.count(room) > 0) {
 *             chat.room(room).broadcastJson(Map.of("type", "user_left", "count", chat.count(room)));
 *         }
 *     }
 * }
 *
 * // Anywhere else, for example a @Stateless EJB:
 * @Inject
 * Registry<ChatChannel> chat;
 *
 * public void maintenance() {
 *     chat.all().broadcastJson(Map.of("type", "system", "message", "Restarting in 5 minutes"));
 * }
 * }</pre>
 * Complete, runnable versions are the examples of this project ({@code examples/chat},
 * {@code examples/rooms}).
 *
 * <h2>Running</h2>
 * On an application server (WildFly, Payara, any Jakarta EE 10 or 11 web profile), put the
 * {@code channels-api} and {@code channels-cdi} jars in {@code WEB-INF/lib}; channels are found and
 * registered when the application starts, each at {@code ws://host:port/<context-root><route>}
 * (for example {@code ws://localhost:8080/shop/chat/lobby} for {@code /chat/{room_id}} in
 * {@code shop.war}). Without a server, {@code channels-tyrus} starts CDI and a WebSocket server in a
 * few lines ({@code ChannelServer}), with channels at {@code ws://host:port<route>}.
 */
package io.wschannels;
