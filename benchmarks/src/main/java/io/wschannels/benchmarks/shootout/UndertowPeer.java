package io.wschannels.benchmarks.shootout;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The protocol on Undertow's own WebSocket API (the core under WildFly's JSR-356 layer): clients
 * in a concurrent set, each broadcast sent to each with {@link WebSockets#sendText}.
 */
final class UndertowPeer {

    private UndertowPeer() {}

    static ShootoutServer.Running start() {
        Set<WebSocketChannel> clients = ConcurrentHashMap.newKeySet();
        AbstractReceiveListener protocol = new AbstractReceiveListener() {
            @Override
            protected void onFullTextMessage(WebSocketChannel channel, BufferedTextMessage message) {
                Protocol.Request request = Protocol.Request.parse(message.getData());
                switch (request.type()) {
                    case "echo" -> WebSockets.sendText(request.as("echo"), channel, null);
                    case "broadcast" -> {
                        String broadcast = request.as("broadcast");
                        int listeners = 0;
                        for (WebSocketChannel each : clients) {
                            WebSockets.sendText(broadcast, each, null);
                            listeners++;
                        }
                        WebSockets.sendText(request.result(listeners), channel, null);
                    }
                    default -> throw new IllegalArgumentException("Unknown message type: " + request.type());
                }
            }
        };
        Undertow server = Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                .setHandler(Handlers.path().addPrefixPath("/shootout", Handlers.websocket((exchange, channel) -> {
                    clients.add(channel);
                    channel.addCloseTask(clients::remove);
                    channel.getReceiveSetter().set(protocol);
                    channel.resumeReceives();
                })))
                .build();
        server.start();
        return new ShootoutServer.Running(
                ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort(), server::stop);
    }
}
