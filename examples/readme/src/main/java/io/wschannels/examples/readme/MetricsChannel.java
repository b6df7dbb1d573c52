package io.wschannels.examples.readme;

import io.wschannels.Batched;
import io.wschannels.Channel;
import io.wschannels.Route;
import jakarta.inject.Inject;
import java.util.List;

// tag::batched[]
@Route("/metrics")
@Batched(maxMessages = 100, maxDelayMillis = 50)
public class MetricsChannel extends Channel {
    @Inject
    SampleStore store;

    @Override
    public void onBatch(List<String> samples) {
        store.saveAll(samples); // one write for up to 100 samples
    }
}
// end::batched[]
