package io.wschannels.it.app;

import io.wschannels.Channel;
import io.wschannels.Route;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/** Says what it was given: path and query parameters, an injected bean, its instance number. */
@Route("/probe/:room")
public class ProbeChannel extends Channel {

    private final Visits visits;
    private int instance;

    @Inject
    public ProbeChannel(Visits visits) {
        this.visits = visits;
    }

    @Override
    public void onConnect() {
        instance = visits.created();
        send("room=" + param("room") + " q=" + param("q") + " instance=" + instance);
    }

    @Override
    public void onMessage(String message) {
        send("instance=" + instance + " echo=" + message);
    }

    @PreDestroy
    void gone() {
        visits.destroyed();
    }
}
