package io.wschannels.it.app;

import io.wschannels.Delivery;
import io.wschannels.Registry;
import io.wschannels.examples.chat.ChatChannel;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * An EJB that pushes to a chat room through the injected registry. Its method runs in a transaction,
 * so the broadcast leaves at the commit: the caller waits for the delivery, after the method.
 */
@Stateless
public class Broadcaster {

    @Inject
    Registry<ChatChannel> chat;

    @Resource
    SessionContext context;

    public CompletionStage<Delivery> announce(String room, String text) {
        return chat.room(room).broadcastJson(Map.of("type", "announcement", "message", text));
    }

    /** Announces, then the transaction is marked for rollback: the announcement never leaves. */
    public CompletionStage<Delivery> announceThenRollBack(String room, String text) {
        CompletionStage<Delivery> announced = announce(room, text);
        context.setRollbackOnly();
        return announced;
    }
}
