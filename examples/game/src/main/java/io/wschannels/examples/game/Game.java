package io.wschannels.examples.game;

import io.wschannels.ChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One game of two players, white and black, who move in turn. Moves are checked for form and turn
 * only: the example is about the channel, not about chess.
 */
public final class Game {

    /** A player in a game. */
    public record Player(String connectionId, String name, String color) {}

    private static final Pattern SQUARE = Pattern.compile("[a-h][1-8]");

    private final String id;
    private final List<Player> players = new ArrayList<>(2);
    private String turn = "white";

    Game(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    synchronized Player join(String connectionId, String name, String color) {
        if (players.size() == 2) {
            throw new ChannelException("Game is full", "game_full");
        }
        if (players.stream().anyMatch(p -> p.color().equals(color))) {
            throw new ChannelException("Color taken: " + color, "color_taken");
        }
        Player player = new Player(connectionId, name, color);
        players.add(player);
        return player;
    }

    synchronized void move(Player player, String from, String to, String piece) {
        if (!SQUARE.matcher(from).matches()
                || !SQUARE.matcher(to).matches()
                || from.equals(to)
                || !player.color().equals(turn)
                || players.size() < 2) {
            throw new ChannelException("Invalid move", "invalid_move");
        }
        turn = turn.equals("white") ? "black" : "white";
    }

    synchronized void leave(Player player) {
        players.remove(player);
    }

    synchronized List<String> names() {
        return players.stream().map(Player::name).toList();
    }
}
