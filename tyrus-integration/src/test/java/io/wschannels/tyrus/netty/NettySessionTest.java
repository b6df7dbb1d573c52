package io.wschannels.tyrus.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A flush offered on the connection's I/O thread waits for the end of the thread's turn, with the
 * other flushes of that turn, so that the broadcasts read in one turn leave together; elsewhere it
 * is declined and runs at once. On an embedded channel, whose tasks run when the test says.
 */
class NettySessionTest {

    private static NettySession session(Channel channel) {
        Endpoint endpoint = new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {}
        };
        return new NettySession(channel, endpoint, "/test", new HashMap<>(), Map.of(), null, false, 1024);
    }

    @Test
    void flushesOfferedOnTheIoThreadRunTogetherAfterItsTurnInTheOrderOffered() {
        EmbeddedChannel channel = new EmbeddedChannel();
        NettySession first = session(channel);
        NettySession second = session(channel);
        List<String> ran = new CopyOnWriteArrayList<>();

        assertTrue(first.flushLater(() -> ran.add("first")));
        assertTrue(second.flushLater(() -> ran.add("second")));
        assertTrue(first.flushLater(() -> ran.add("first again")));
        assertEquals(List.of(), ran, "nothing runs before the turn ends");

        channel.runPendingTasks();
        assertEquals(List.of("first", "second", "first again"), ran);

        channel.runPendingTasks();
        assertEquals(3, ran.size(), "each runs once");
        channel.finishAndReleaseAll();
    }

    @Test
    void oneFailingFlushDoesNotKeepTheOthersWaiting() {
        EmbeddedChannel channel = new EmbeddedChannel();
        NettySession session = session(channel);
        List<String> ran = new CopyOnWriteArrayList<>();

        session.flushLater(() -> {
            throw new IllegalStateException("a broken connection");
        });
        session.flushLater(() -> ran.add("the next one"));
        channel.runPendingTasks();

        assertEquals(List.of("the next one"), ran);
        channel.finishAndReleaseAll();
    }

    @Test
    void aFlushOfferedFromAnotherThreadIsDeclined() throws Exception {
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel channel = new NioSocketChannel();
            loops.register(channel).syncUninterruptibly();
            NettySession session = session(channel);

            assertFalse(session.flushLater(() -> {}), "not on its I/O thread: the caller runs it now");
            CompletableFuture<Boolean> onItsThread = new CompletableFuture<>();
            channel.eventLoop().execute(() -> onItsThread.complete(session.flushLater(() -> {})));
            assertTrue(onItsThread.get(5, TimeUnit.SECONDS), "on its I/O thread: at the end of the turn");
            channel.close().syncUninterruptibly();
        } finally {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
