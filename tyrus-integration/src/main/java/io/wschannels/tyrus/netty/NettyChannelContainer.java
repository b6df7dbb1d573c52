package io.wschannels.tyrus.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.wschannels.tyrus.ops.Operations;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * The standalone server's second container: channels served straight from Netty's HTTP and
 * WebSocket codecs, with the static files on the same port. Channel callbacks run on the
 * connection's I/O thread (one per core), which is what makes it cheap: no hand-off per message,
 * a few hundred bytes per idle connection besides Netty's own. Only channels run on it; plain
 * {@code @ServerEndpoint} classes need the Tyrus container. Not an API: {@code ChannelServer}
 * starts it.
 */
public final class NettyChannelContainer implements AutoCloseable {

    /** Requests before the upgrade are small; this bounds what one client can make the server hold. */
    private static final int MAX_REQUEST_BYTES = 64 * 1024;

    private final EventLoopGroup loops;
    private final Channel listener;

    private NettyChannelContainer(EventLoopGroup loops, Channel listener) {
        this.loops = loops;
        this.listener = listener;
    }

    /**
     * Starts serving.
     *
     * @param host the address to bind
     * @param port the port, 0 for any free one
     * @param tls the TLS context, or {@code null} for plain HTTP
     * @param endpoints the channels' endpoint configurations
     * @param browserClient the class loader that holds the browser client
     * @param staticFiles a class path folder served at the root, or {@code null}
     * @param operations the operations endpoints ({@code /metrics})
     * @throws IOException if the port cannot be bound
     */
    public static NettyChannelContainer start(
            String host,
            int port,
            SSLContext tls,
            List<ServerEndpointConfig> endpoints,
            ClassLoader browserClient,
            String staticFiles,
            Operations operations)
            throws IOException {
        ClasspathFiles files =
                new ClasspathFiles().add("/wschannels/", browserClient, "META-INF/resources/wschannels/");
        if (staticFiles != null) {
            files.add(
                    "/",
                    Thread.currentThread().getContextClassLoader(),
                    staticFiles.isEmpty() ? "" : staticFiles + "/");
        }
        SslContext ssl = tls == null
                ? null
                : new JdkSslContext(
                        tls, false, null, IdentityCipherSuiteFilter.INSTANCE, null, ClientAuth.NONE, null, false);
        Upgrades upgrades = new Upgrades(endpoints, files, operations, tls != null);
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> server = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(
                Runtime.getRuntime().availableProcessors(), new DefaultThreadFactory("channels-io", true), io);
        ChannelFuture bound = new ServerBootstrap()
                .group(loops)
                .channel(server)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        if (ssl != null) {
                            channel.pipeline().addLast(ssl.newHandler(channel.alloc()));
                        }
                        channel.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES))
                                .addLast(upgrades);
                    }
                })
                .bind(new InetSocketAddress(host, port))
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            loops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            Throwable cause = bound.cause();
            throw cause instanceof IOException failed ? failed : new IOException(String.valueOf(cause), cause);
        }
        return new NettyChannelContainer(loops, bound.channel());
    }

    /** @return the bound port */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** Stops listening and closes whatever connections are left. */
    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
