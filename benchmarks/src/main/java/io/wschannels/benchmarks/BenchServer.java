package io.wschannels.benchmarks;

import io.wschannels.redis.RedisTransport;
import io.wschannels.tyrus.ChannelServer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The server process of a benchmark run: the channel and the raw endpoint on one standalone
 * server. With a Redis URL as its argument it is one server of a cluster, its broadcasts carried
 * by {@link RedisTransport}; without, broadcasts stay on the server.
 */
public final class BenchServer {

    private BenchServer() {}

    public static void main(String[] args) throws Exception {
        Logger.getLogger("").setLevel(Level.WARNING);
        ChannelServer.Builder builder =
                ChannelServer.builder().port(0).endpoints(RawEndpoint.class, ControlEndpoint.class);
        if (args.length > 0) {
            System.setProperty(RedisTransport.URL, args[0]);
            builder.beanClasses(BenchChannel.class, KeptBenchChannel.class, RedisTransport.class);
        } else {
            builder.beanClasses(BenchChannel.class, KeptBenchChannel.class);
        }
        ChannelServer server = builder.start();
        ControlEndpoint.channelConnections = server::openConnections;
        ControlEndpoint.keptConnections =
                () -> server.registry(KeptBenchChannel.class).connections().size();
        System.out.println("READY " + server.port());
        System.out.flush();
        server.awaitShutdown();
    }
}
