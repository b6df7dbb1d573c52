package io.wschannels.examples.readme;

import jakarta.enterprise.context.Dependent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The README's game: any move to an empty square is allowed. One per connection, for the example. */
@Dependent
public class Game {

    private final Map<String, String> pieces = new LinkedHashMap<>(Map.of("e2", "pawn"));

    boolean allows(GameChannel.Move move) {
        return move.piece().equals(pieces.get(move.from())) && !pieces.containsKey(move.to());
    }

    Board play(GameChannel.Move move) {
        pieces.put(move.to(), pieces.remove(move.from()));
        return new Board(Map.copyOf(pieces));
    }

    /** What a slower engine would answer later. */
    CompletionStage<String> hintAsync() {
        return CompletableFuture.supplyAsync(() -> "e2-e4");
    }
}
