package io.wschannels.tyrus.security;

import io.wschannels.Channel;
import io.wschannels.Route;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The default: only pages of the server's own origin (and clients that are not browsers). */
@Route("/home")
public class HomeChannel extends Channel {

    /** The {@code probe} query parameter of every connection that got as far as {@code onConnect}. */
    static final List<String> PROBES = new CopyOnWriteArrayList<>();

    @Override
    public void onConnect() {
        if (param("probe") != null) {
            PROBES.add(param("probe"));
        }
        send("welcome home");
    }
}
