package io.wschannels.tyrus;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

@ApplicationScoped
public class Tally {
    private final AtomicInteger instances = new AtomicInteger();

    int next() {
        return instances.incrementAndGet();
    }
}
