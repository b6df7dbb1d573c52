package io.wschannels.examples.game;

import io.wschannels.AccessDeniedException;
import io.wschannels.Channel;
import io.wschannels.Handle;
import io.wschannels.InvalidMessageException;
import io.wschannels.Registry;
import io.wschannels.Route;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.websocket.CloseReason;
import java.util.Map;

/**
 * The Azu manual's GameChannel: typed messages ({@code join_game}, {@code move}, {@code chat},
 * {@code leave_game}) as records, one {@link Handle} method each. Decoding, validation, the
 * {@code Unknown message type} and {@code Invalid message format} answers and request/reply by
 * {@code ref} come from the runtime; what stays here is the game.
 */
@Route("/game/{game_id}")
public class GameChannel extends Channel {

    public record JoinGame(
            @JsonbProperty("player_name") @NotBlank @Size(max = 30)
            String playerName,

            @NotBlank @Pattern(regexp = "white|black", message = "must be white or black")
            String color) {}

    public record Move(
            @NotBlank String from,
            @NotBlank String to,
            @NotBlank String piece) {}

    public record Chat(@NotBlank @Size(max = 200) String message) {}

    @Inject
    Games games;

    @Inject
    Registry<GameChannel> registry;

    private Game game;
    private Game.Player player;

    @Handle("join_game")
    Map<String, Object> join(JoinGame join) {
        if (player != null) {
            throw new InvalidMessageException("you have joined this game already");
        }
        Game found = games.find(param("game_id"));
        player = found.join(connection().id(), join.playerName(), join.color());
        game = found;
        registry.join(game.id(), connection());
        registry.room(game.id())
                .except(connection())
                .broadcastJson(Map.of("type", "player_joined", "player", player.name(), "color", player.color()));
        return Map.of("type", "joined", "game_id", game.id(), "color", player.color(), "players", game.names());
    }

    @Handle("move")
    Map<String, Object> move(Move move) {
        Game joined = requireJoined();
        joined.move(player, move.from(), move.to(), move.piece());
        Map<String, Object> moved = Map.of(
                "type", "move", "player", player.name(), "from", move.from(), "to", move.to(), "piece", move.piece());
        registry.room(joined.id()).except(connection()).broadcastJson(moved);
        return moved;
    }

    @Handle("chat")
    void chat(Chat chat) {
        Game joined = requireJoined();
        registry.room(joined.id())
                .broadcastJson(Map.of("type", "chat", "player", player.name(), "message", chat.message()));
    }

    @Handle("leave_game")
    Map<String, String> leave() {
        requireJoined();
        leaveGame();
        return Map.of("type", "left");
    }

    @Override
    public void onClose(CloseReason.CloseCode code, String reason) {
        leaveGame();
    }

    private Game requireJoined() {
        if (game == null) {
            throw new AccessDeniedException("join the game first");
        }
        return game;
    }

    private void leaveGame() {
        if (game != null) {
            game.leave(player);
            registry.leave(game.id(), connection());
            registry.room(game.id()).broadcastJson(Map.of("type", "player_left", "player", player.name()));
            game = null;
            player = null;
        }
    }
}
