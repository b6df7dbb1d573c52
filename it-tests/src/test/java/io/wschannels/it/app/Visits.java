package io.wschannels.it.app;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts channel instances created and destroyed, to show one instance per connection. */
@ApplicationScoped
public class Visits {
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicInteger destroyed = new AtomicInteger();

    public int created() {
        return created.incrementAndGet();
    }

    public void destroyed() {
        destroyed.incrementAndGet();
    }

    public String report() {
        return created.get() + " " + destroyed.get();
    }
}
