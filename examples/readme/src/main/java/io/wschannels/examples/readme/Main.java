package io.wschannels.examples.readme;

import io.wschannels.tyrus.ChannelServer;

/** The README's standalone server. */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws Exception {
        // tag::server[]
        try (ChannelServer server =
                ChannelServer.builder().port(8080).staticFiles("web").start()) {
            System.out.println("Serving " + server.uri());
            server.awaitShutdown(); // until close(), from another thread or a shutdown hook
        }
        // end::server[]
    }
}
