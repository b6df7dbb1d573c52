package io.wschannels.tyrus.messages;

import io.wschannels.AccessDeniedException;
import io.wschannels.Channel;
import io.wschannels.ChannelException;
import io.wschannels.Handle;
import io.wschannels.InvalidMessageException;
import io.wschannels.Route;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Every way a typed message can be handled, answered or refused. */
@Route("/typed")
public class TypedChannel extends Channel {

    public record Echo(@NotBlank String text, @Size(max = 3) List<String> tags) {
    }

    public record Sum(int a, int b) {
    }

    @Handle("sum")
    int sum(Sum sum) {
        return sum.a() + sum.b();
    }

    @Handle("echo")
    Echo echo(Echo echo) {
        return echo;
    }

    @Handle("ping")
    void ping() {
        send("pong");
    }

    @Handle("twice")
    void twice(Echo echo) {
        reply(echo.text());
        reply(echo.text() + "!");
    }

    @Handle("explicit_error")
    void explicitError() {
        sendError("You asked for it", "asked");
    }

    @Handle("deny")
    void deny() {
        throw new AccessDeniedException("not your game");
    }

    @Handle("invalid")
    void invalid() {
        throw new InvalidMessageException("e2-e5 is not a move");
    }

    @Handle("custom")
    void custom() {
        throw new ChannelException("Game not found", "game_not_found");
    }

    @Handle("boom")
    void boom() {
        throw new IllegalStateException("secret detail");
    }
}
