package io.wschannels.it.app;

import io.wschannels.Delivery;
import io.wschannels.Registry;
import io.wschannels.examples.chat.ChatChannel;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** An EJB that pushes to a chat room through the injected registry. */
@Stateless
public class Broadcaster {

    @Inject
    Registry<ChatChannel> chat;

    public int announce(String room, String text) throws Exception {
        Delivery delivery = chat.room(room)
                .broadcastJson(Map.of("type", "announcement", "message", text))
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        return delivery.recipients();
    }
}
