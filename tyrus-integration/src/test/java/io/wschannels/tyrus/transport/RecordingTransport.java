package io.wschannels.tyrus.transport;

import io.wschannels.spi.Broadcast;
import io.wschannels.spi.BroadcastTransport;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** An application transport: records what it carries, then delivers it here, as a broker would echo it. */
@ApplicationScoped
public class RecordingTransport implements BroadcastTransport {

    private final List<Broadcast> carried = new CopyOnWriteArrayList<>();
    private volatile Consumer<Broadcast> local;

    @Override
    public void start(Consumer<Broadcast> localDelivery) {
        local = localDelivery;
    }

    @Override
    public CompletionStage<Void> publish(Broadcast broadcast) {
        carried.add(broadcast);
        local.accept(broadcast);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void stop() {
        local = b -> {};
    }

    public List<Broadcast> carried() {
        return List.copyOf(carried);
    }
}
