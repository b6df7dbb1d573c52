package io.wschannels.benchmarks;

import io.wschannels.tyrus.ChannelServer;

/** The server process of a benchmark run: the channel and the raw endpoint on one standalone server. */
public final class BenchServer {

    private BenchServer() {
    }

    public static void main(String[] args) throws Exception {
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        ChannelServer server = ChannelServer.builder().port(0)
                .endpoints(RawEndpoint.class, ControlEndpoint.class).start();
        ControlEndpoint.channelConnections = server::openConnections;
        System.out.println("READY " + server.port());
        System.out.flush();
        server.awaitShutdown();
    }
}
