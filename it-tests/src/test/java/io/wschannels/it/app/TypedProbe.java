package io.wschannels.it.app;

import io.wschannels.Channel;
import io.wschannels.Handle;
import io.wschannels.Route;
import jakarta.validation.constraints.Size;

/** A typed message validated by the server's own Bean Validation, answered by ref. */
@Route("/typed")
public class TypedProbe extends Channel {

    public record Say(@Size(min = 1, max = 5) String word) {}

    @Handle("say")
    String say(Say say) {
        return say.word().toUpperCase();
    }
}
