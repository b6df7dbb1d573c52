package io.wschannels.benchmarks.shootout;

import io.wschannels.tyrus.ChannelServer;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One Java server of the shootout, alone in its process: {@code channel} and {@code channel-netty}
 * (the library's standalone server with {@link ShootoutChannel}, on each of its containers),
 * {@code endpoint} (the Tyrus one with the plain {@link ShootoutEndpoint}), {@code netty} or
 * {@code undertow}. Prints {@code READY <port>} once it
 * serves {@code /shootout}, then serves until it is killed.
 */
public final class ShootoutServer {

    private ShootoutServer() {}

    /** A server started in this process: its port, and how to stop it. */
    record Running(int port, Runnable stop) implements AutoCloseable {
        @Override
        public void close() {
            stop.run();
        }
    }

    public static void main(String[] args) throws Exception {
        Logger.getLogger("").setLevel(Level.WARNING);
        Running server = start(args.length == 1 ? args[0] : "");
        System.out.println("READY " + server.port());
        System.out.flush();
        new CountDownLatch(1).await();
    }

    /** Where a server of that kind serves the protocol: the plain endpoint has a path of its own. */
    static String path(String kind) {
        return kind.equals("endpoint") ? "/plain" : "/shootout";
    }

    /** Starts one of the Java servers in this process. */
    static Running start(String kind) throws Exception {
        return switch (kind) {
            case "channel" ->
                running(ChannelServer.builder()
                        .container(ChannelServer.Container.TYRUS)
                        .port(0)
                        .beanClasses(ShootoutChannel.class));
            case "channel-netty" ->
                running(ChannelServer.builder()
                        .container(ChannelServer.Container.NETTY)
                        .port(0)
                        .beanClasses(ShootoutChannel.class));
            case "endpoint" ->
                running(ChannelServer.builder()
                        .container(ChannelServer.Container.TYRUS)
                        .port(0)
                        .beanClasses(ShootoutEndpoint.class)
                        .endpoints(ShootoutEndpoint.class));
            case "netty" -> NettyPeer.start();
            case "undertow" -> UndertowPeer.start();
            default ->
                throw new IllegalArgumentException(
                        "Usage: ShootoutServer channel|channel-netty|endpoint|netty|undertow");
        };
    }

    private static Running running(ChannelServer.Builder builder) throws Exception {
        ChannelServer server = builder.start();
        return new Running(server.port(), server::close);
    }
}
