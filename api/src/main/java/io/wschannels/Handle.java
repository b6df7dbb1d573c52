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
 * value comes back as {@code {"type":"reply","ref":...,"data":...}}, so the client can match the
 * answer to its request; without a {@code ref}, a return value is sent as JSON as it is.
 * {@code void} methods and {@code null} answer nothing. An answer computed later returns a
 * {@link java.util.concurrent.CompletionStage}: the reply leaves when it completes, from whatever
 * thread completes it, after the method has returned (as Phoenix's {@code socket_ref} allows).
 *
 * <pre>{@code
 * @Handle("search")
 * CompletionStage<List<Hit>> search(Query query) {
 *     return index.searchAsync(query.text());   // {"type":"reply","ref":...,"data":[...]} when done
 * }
 * }</pre>
 *
 * <h2>Errors</h2>
 * A malformed message (not JSON, no known {@code type}, fields that do not fit the parameter,
 * violated constraints), an exception thrown by the method, or a stage that fails, answers with the
 * error envelope, carrying the message's {@code ref} when it had one; the connection stays open.
 * Which exception tells the client what is in the one table of the manual ({@code io.wschannels}):
 * throw {@link ChannelException} (or {@link InvalidMessageException}, {@link AccessDeniedException})
 * for what the client should read; anything else is logged, and the client is told
 * {@code Internal server error}.
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
