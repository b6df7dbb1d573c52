package io.wschannels.examples.readme;

import io.wschannels.Channel;
import io.wschannels.ChannelException;
import io.wschannels.Handle;
import io.wschannels.Registry;
import io.wschannels.Route;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.concurrent.CompletionStage;

// tag::typed[]
@Route("/game/{game_id}")
public class GameChannel extends Channel {
    public record Move(
            @NotBlank String from,
            @NotBlank String to,
            @NotBlank String piece) {}

    public record Chat(@NotBlank @Size(max = 200) String message) {}

    @Inject
    Game game;

    @Inject
    Registry<GameChannel> registry;

    @Handle("move") // {"type":"move","ref":7,"from":"e2","to":"e4","piece":"pawn"}
    Board move(Move move) {
        if (!game.allows(move)) {
            throw new ChannelException("Invalid move", "invalid_move");
        }
        return game.play(move); // answers {"type":"reply","ref":7,"data":{...board...}}
    }

    @Handle("hint") // answered when the stage completes, from whichever thread completes it
    CompletionStage<String> hint() {
        return game.hintAsync();
    }

    @Handle("chat")
    void chat(Chat chat) {
        registry.room(param("game_id")).broadcastJson(chat);
    }
}
// end::typed[]
