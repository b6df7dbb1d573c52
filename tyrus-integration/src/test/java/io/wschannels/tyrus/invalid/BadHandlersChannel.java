package io.wschannels.tyrus.invalid;

import io.wschannels.Batched;
import io.wschannels.Channel;
import io.wschannels.Handle;
import io.wschannels.Route;

@Route("/bad-handlers")
@Batched(maxMessages = 0)
public class BadHandlersChannel extends Channel {

    @Handle("move")
    void move(String a, String b) {}

    @Handle("chat")
    void chat() {}

    @Handle("chat")
    void talk() {}

    @Handle("")
    void nothing() {}

    @Handle("tick")
    static void tick() {}

    @Override
    public void onMessage(String message) {}
}
