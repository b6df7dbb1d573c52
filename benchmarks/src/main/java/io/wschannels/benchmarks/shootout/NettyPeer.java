package io.wschannels.benchmarks.shootout;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The protocol on Netty, the idiomatic way: epoll on Linux, the WebSocket codec in the pipeline,
 * clients in a {@link ChannelGroup} that writes one broadcast frame to all of them.
 */
final class NettyPeer {

    private NettyPeer() {}

    static ShootoutServer.Running start() throws InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(Transport.ioHandlers());
        ChannelGroup clients = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        ChannelHandler protocol = new Handler(clients);
        Channel server = new ServerBootstrap()
                .group(group)
                .channel(Transport.serverChannel())
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(65536))
                                .addLast(new WebSocketServerProtocolHandler("/shootout"))
                                .addLast(protocol);
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .sync()
                .channel();
        return new ShootoutServer.Running(((InetSocketAddress) server.localAddress()).getPort(), () -> {
            server.close().syncUninterruptibly();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        });
    }

    @ChannelHandler.Sharable
    private static final class Handler extends SimpleChannelInboundHandler<TextWebSocketFrame> {

        private final ChannelGroup clients;

        Handler(ChannelGroup clients) {
            this.clients = clients;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
            if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                clients.add(context.channel());
            }
            super.userEventTriggered(context, event);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext context, TextWebSocketFrame frame) {
            Protocol.Request request = Protocol.Request.parse(frame.text());
            switch (request.type()) {
                case "echo" -> context.writeAndFlush(new TextWebSocketFrame(request.as("echo")));
                case "broadcast" -> {
                    int listeners = clients.size();
                    clients.writeAndFlush(new TextWebSocketFrame(request.as("broadcast")));
                    context.writeAndFlush(new TextWebSocketFrame(request.result(listeners)));
                }
                default -> throw new IllegalArgumentException("Unknown message type: " + request.type());
            }
        }
    }
}
