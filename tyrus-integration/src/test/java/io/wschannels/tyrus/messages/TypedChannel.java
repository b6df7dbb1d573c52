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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Every way a typed message can be handled, answered or refused. */
@Route("/typed")
public class TypedChannel extends Channel {

    public record Echo(@NotBlank String text, @Size(max = 3) List<String> tags) {}

    public record Sum(int a, int b) {}

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

    /** Answered after the method has returned, from another thread. */
    @Handle("later")
    CompletionStage<String> later(Echo echo) {
        CompletableFuture<String> answer = new CompletableFuture<>();
        LATER.schedule(() -> answer.complete(echo.text() + "!"), 50, TimeUnit.MILLISECONDS);
        return answer;
    }

    /** Fails after the method has returned: the error carries the request's ref. */
    @Handle("later_refusal")
    CompletionStage<String> laterRefusal() {
        return CompletableFuture.supplyAsync(
                () -> {
                    throw new ChannelException("You asked for it", "asked");
                },
                CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS));
    }

    /** What a request is answered with when the answer cannot be serialized. */
    @Handle("unserializable")
    Object unserializable() {
        return new Object() {
            public Object getSelf() {
                throw new IllegalStateException("no JSON for me");
            }
        };
    }

    @Handle("explicit_error")
    void explicitError() {
        throw new ChannelException("You asked for it", "asked");
    }

    private static final ScheduledExecutorService LATER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "typed-channel-later");
        thread.setDaemon(true);
        return thread;
    });

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
