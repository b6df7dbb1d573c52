package io.wschannels.examples.readme;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Where the README's metrics channel keeps its samples. */
@ApplicationScoped
public class SampleStore {

    private final List<String> saved = new CopyOnWriteArrayList<>();

    void saveAll(List<String> samples) {
        saved.addAll(samples);
    }

    List<String> saved() {
        return List.copyOf(saved);
    }
}
