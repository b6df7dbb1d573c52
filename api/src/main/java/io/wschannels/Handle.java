package io.wschannels;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Handles one type of JSON message, chosen by the message's {@code type} field. A channel with
 * such methods receives JSON objects like {@code {"type":"move","from":"e2","to":"e4"}}: the
 * runtime reads {@code type}, decodes the whole object into the method's parameter with JSON
 * Binding (a record is the usual choice; fields it does not declare, {@code type} and {@code ref}
 * among them, are ignored), validates it with Jakarta Bean Validation when a provider is present,
 * and calls the method.
 *
 * <pre>{@code
 * @Route("/game/{game_id}")
 * public class GameChannel extends Channel {
 *     public record Move(@NotBlank String from, @NotBlank String to, String piece) {}
 *
 *     @Handle("move")
 *     Board move(Move move) {          // the return value answers the client
 *         return games.move(param("game_id"), move);
 *     }
 *
 *     @Handle("leave_game")
 *     void leave() { ... }             // no parameter: the message's fields are not needed
 * }
 * }</pre>
 *
 * <h2>Answers</h2>
 * When the client's message carries a {@code ref} (any JSON string or number), the method's return
 * value comes back as {@code {"type":"reply","ref":...,"data":...}}, so the client can match
 * answers to requests; a method may also answer later or several times with
 * {@link Channel#reply(Object)}. Without a {@code ref}, a return value is sent as JSON as it is.
 * {@code void} methods and {@code null} answer nothing.
 *
 * <h2>Errors</h2>
 * The client receives the error envelope, with the message's {@code ref} when it had one, and the
 * connection stays open:
 * <table>
 *   <caption>What the client is told</caption>
 *   <tr><th>when</th><th>{@code message}</th><th>{@code code}</th></tr>
 *   <tr><td>not JSON, or not an object</td><td>{@code Invalid JSON format}</td><td>{@code invalid_json}</td></tr>
 *   <tr><td>no {@code type}, or no method for it</td><td>{@code Unknown message type: X}</td><td>{@code unknown_type}</td></tr>
 *   <tr><td>JSON that does not fit the parameter's type</td><td>{@code Invalid message format: ...}</td><td>{@code invalid_format}</td></tr>
 *   <tr><td>a Bean Validation constraint violated</td><td>{@code Validation failed: field reason}</td><td>{@code validation_failed}</td></tr>
 *   <tr><td>the method throws {@link ChannelException} (or a subclass)</td><td>its message</td><td>its code</td></tr>
 *   <tr><td>the method throws anything else</td><td>{@code Internal server error} (the exception is logged, never sent)</td><td>{@code internal_error}</td></tr>
 * </table>
 *
 * <p>A channel with {@code @Handle} methods must not override {@link Channel#onMessage(String)};
 * the type names of one channel must be distinct. A method has at most one parameter and may have
 * any access modifier; it runs like {@code onMessage}, one callback at a time per connection.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Handle {

    /**
     * @return the value of the {@code type} field this method handles, for example {@code "move"}
     */
    String value();
}
