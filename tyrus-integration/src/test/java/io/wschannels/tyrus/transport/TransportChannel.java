package io.wschannels.tyrus.transport;

import io.wschannels.Channel;
import io.wschannels.Registry;
import io.wschannels.Route;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicInteger;

/** Joins the room of its path; "json" broadcasts a payload whose serializations are counted. */
@Route("/t/{room}")
public class TransportChannel extends Channel {

    /** Counts how often JSON Binding reads it, that is how often it is serialized. */
    public static final class Counted {
        public static final AtomicInteger SERIALIZED = new AtomicInteger();

        public String getText() {
            SERIALIZED.incrementAndGet();
            return "counted";
        }
    }

    @Inject
    Registry<TransportChannel> registry;

    @Override
    public void onConnect() {
        registry.join(param("room"), connection());
        send("joined");
    }

    @Override
    public void onMessage(String message) {
        if (message.equals("json")) {
            registry.room(param("room")).broadcastJson(new Counted());
        } else {
            registry.room(param("room")).except(connection()).broadcast(message);
        }
    }
}
