package io.wschannels.examples.game;

import io.wschannels.ChannelException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The open games, by id. A real application would create them from a lobby or a REST call. */
@ApplicationScoped
public class Games {

    private final Map<String, Game> games = new ConcurrentHashMap<>();

    /** Opens a game that players can join; opening an open game changes nothing. */
    public Game open(String id) {
        return games.computeIfAbsent(id, Game::new);
    }

    Game find(String id) {
        Game game = games.get(id);
        if (game == null) {
            throw new ChannelException("Game not found", "game_not_found");
        }
        return game;
    }
}
