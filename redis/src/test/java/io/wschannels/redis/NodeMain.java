package io.wschannels.redis;

import io.wschannels.tyrus.ChannelServer;

/** One cluster node as a process of its own, for the tests that run nodes apart or kill one with SIGKILL. */
public final class NodeMain {

    private NodeMain() {}

    /**
     * Arguments: the Redis URL, the presence TTL in seconds and, optionally, the port (a free one
     * otherwise); prints the port once serving. SIGTERM drains it as Ctrl-C drains an application.
     */
    public static void main(String[] args) throws Exception {
        System.setProperty(RedisTransport.URL, args[0]);
        System.setProperty(RedisTransport.PRESENCE_TTL, args[1]);
        ChannelServer server = ChannelServer.builder()
                .port(args.length > 2 ? Integer.parseInt(args[2]) : 0)
                .beanClasses(NodeChannel.class, CommandChannel.class, KeptNodeChannel.class, RedisTransport.class)
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "node-shutdown"));
        System.out.println("PORT " + server.port());
        System.out.flush();
        server.awaitShutdown();
    }
}
