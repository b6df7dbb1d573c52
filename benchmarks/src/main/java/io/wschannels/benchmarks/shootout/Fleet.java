package io.wschannels.benchmarks.shootout;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The driver's clients: Netty WebSocket clients on one event-loop thread (epoll where Netty's native
 * transport loads), reading frames in place with a {@link FrameReader}, each counting the
 * broadcasts it receives. Round trips (a broadcast's result back at its sender) arrive on
 * {@link #roundTrips}; every broadcast is counted per client and per broadcast, so that a lost or
 * duplicated delivery is found, not averaged away.
 */
final class Fleet implements AutoCloseable {

    /** Handshakes in flight at once while a step connects its clients. */
    private static final int PARALLEL_HANDSHAKES = 64;

    private final URI uri;
    private final EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, Transport.ioHandlers());
    private final Bootstrap bootstrap;
    private final List<Client> clients = new ArrayList<>();
    private final Semaphore handshakes = new Semaphore(PARALLEL_HANDSHAKES);

    /** Round-trip times in nanoseconds, as their answers arrive. */
    final LinkedBlockingQueue<Long> roundTrips = new LinkedBlockingQueue<>();

    /** What went wrong on the clients' side: unexpected closes, malformed or unexpected messages. */
    final Queue<String> problems = new ConcurrentLinkedQueue<>();

    /** Echo answers to the first message of each new client: the server has opened it by then. */
    private final Semaphore echoes = new Semaphore(0);

    private final AtomicLong received = new AtomicLong();
    private volatile int connected;
    private volatile boolean closing;
    private final AtomicLong listenerMismatches = new AtomicLong();
    private volatile long lastListenerCount = -1;
    private volatile Window window = new Window(0, 0);
    private long nextSequence;

    /** The broadcasts of one step: sequence numbers [first, first + count), each one's receipts. */
    private record Window(long first, int count, AtomicIntegerArray receipts, AtomicLong strays) {
        Window(long first, int count) {
            this(first, count, new AtomicIntegerArray(count), new AtomicLong());
        }
    }

    Fleet(URI uri) {
        this.uri = uri;
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(Transport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .remoteAddress(uri.getHost(), uri.getPort());
    }

    int size() {
        return clients.size();
    }

    /**
     * Opens {@code count} more clients and returns once the server has opened each of them; fails
     * with the reason if any handshake fails. A 101 answer alone does not mean the server's
     * open callback has run (it may still be adding the session to its broadcast set while another
     * client's broadcast goes out), so each new client sends an echo and its answer, which the
     * server can only give after opening it, is awaited.
     */
    void connect(int count) throws Exception {
        List<CompletableFuture<Client>> opening = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (!handshakes.tryAcquire(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no handshake completed within 60 s");
            }
            Client client = new Client();
            opening.add(client.open());
        }
        for (CompletableFuture<Client> client : opening) {
            clients.add(client.get(60, TimeUnit.SECONDS));
        }
        for (int i = clients.size() - count; i < clients.size(); i++) {
            clients.get(i).send("echo", -1);
        }
        if (!echoes.tryAcquire(count, 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(
                    "the server answered " + echoes.availablePermits() + " of " + count + " echoes within 60 s");
        }
        connected = clients.size();
    }

    /** Starts a new step: the next {@code count} broadcasts are counted in a window of their own. */
    void beginStep(int count) {
        window = new Window(nextSequence, count);
        received.set(0);
        clients.forEach(client -> client.broadcasts = 0);
    }

    /** Sends a broadcast from a client chosen at random. */
    void sendBroadcast() {
        long sequence = nextSequence++;
        clients.get(ThreadLocalRandom.current().nextInt(clients.size())).send("broadcast", sequence);
    }

    /**
     * Waits until every client has received every broadcast of the step, then checks that each got
     * each exactly once.
     *
     * @return a description of what is missing or extra, or {@code null} when all is well
     */
    String awaitDeliveries(long timeoutMillis) throws InterruptedException {
        Window step = window;
        long expected = (long) clients.size() * step.count();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (received.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(5); // polling a counter the event loop raises; the deadline bounds it
        }
        List<String> wrong = new ArrayList<>();
        if (received.get() != expected) {
            wrong.add(String.format("%,d of %,d broadcast deliveries arrived", received.get(), expected));
        }
        for (int i = 0; i < step.count(); i++) {
            if (step.receipts().get(i) != clients.size()) {
                wrong.add("broadcast " + (step.first() + i) + " reached "
                        + step.receipts().get(i) + " of " + clients.size() + " clients");
                break;
            }
        }
        long uneven = clients.stream().filter(c -> c.broadcasts != step.count()).count();
        if (uneven > 0) {
            wrong.add(uneven + " clients did not get exactly " + step.count() + " broadcasts");
        }
        if (step.strays().get() > 0) {
            wrong.add(step.strays().get() + " broadcasts of earlier steps arrived late or twice");
        }
        if (listenerMismatches.get() > 0) {
            wrong.add(listenerMismatches.get() + " broadcast results counted other than " + clients.size()
                    + " listeners");
        }
        return wrong.isEmpty() ? null : String.join("; ", wrong);
    }

    /** The listener count of the last broadcast result to arrive, -1 before the first. */
    long lastListenerCount() {
        return lastListenerCount;
    }

    /**
     * Closes every client with a close frame (1000) and waits until each connection has ended.
     *
     * @throws TimeoutException if some connection is still open after {@code timeoutMillis}
     */
    void leave(long timeoutMillis) throws InterruptedException, TimeoutException {
        closing = true;
        List<ChannelFuture> ended = new ArrayList<>(clients.size());
        for (Client client : clients) {
            client.channel.writeAndFlush(new CloseWebSocketFrame(1000, null));
            ended.add(client.channel.closeFuture());
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (ChannelFuture end : ended) {
            if (!end.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new TimeoutException(
                        "a client's connection was still open " + timeoutMillis + " ms after its close frame");
            }
        }
        clients.clear();
        connected = 0;
    }

    @Override
    public void close() {
        closing = true;
        loop.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One client: its channel, and how many broadcasts it received in the current step. */
    private final class Client extends SimpleChannelInboundHandler<FullHttpResponse> implements FrameReader.Sink {

        private final CompletableFuture<Client> opened = new CompletableFuture<>();
        private final WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(
                uri, WebSocketVersion.V13, null, false, EmptyHttpHeaders.INSTANCE, 65536);
        private volatile Channel channel;

        /** Written by the event loop only; reset by the driver between steps. */
        volatile int broadcasts;

        CompletableFuture<Client> open() {
            ChannelFuture connect = bootstrap
                    .clone()
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel socket) {
                            socket.pipeline()
                                    .addLast(new HttpClientCodec())
                                    .addLast(new HttpObjectAggregator(8192))
                                    .addLast(Client.this);
                        }
                    })
                    .connect();
            channel = connect.channel();
            connect.addListener(done -> {
                if (done.isSuccess()) {
                    handshaker.handshake(channel);
                } else {
                    fail(done.cause());
                }
            });
            channel.closeFuture().addListener(done -> {
                if (!opened.isDone()) {
                    fail(new IllegalStateException("closed before the handshake completed"));
                } else if (!closing) {
                    problems.add("a client was closed by the server");
                }
            });
            return opened;
        }

        private void fail(Throwable cause) {
            if (opened.completeExceptionally(cause)) {
                handshakes.release();
            }
        }

        void send(String type, long sequence) {
            String payload = "{\"seq\":\"" + sequence + "\",\"sendTime\":\"" + System.nanoTime() + "\"}";
            channel.writeAndFlush(new TextWebSocketFrame("{\"type\":\"" + type + "\",\"payload\":" + payload + "}"));
        }

        /** The handshake's answer: from here on, frames are read in place by a {@link FrameReader}. */
        @Override
        protected void channelRead0(ChannelHandlerContext context, FullHttpResponse response) {
            try {
                handshaker.finishHandshake(context.channel(), response);
            } catch (RuntimeException refused) {
                fail(refused);
                context.close();
                return;
            }
            context.pipeline().replace("ws-decoder", "frames", new FrameReader(this));
            if (opened.complete(this)) {
                handshakes.release();
            }
        }

        @Override
        public void text(ByteBuf text) {
            String type = Scan.string(text, "type");
            if (type == null) {
                problems.add("a message without a type: " + text.toString(StandardCharsets.UTF_8));
                return;
            }
            switch (type) {
                case "broadcast" -> {
                    received.incrementAndGet();
                    broadcasts++;
                    Window step = window;
                    long index = Scan.number(text, "seq") - step.first();
                    if (index >= 0 && index < step.count()) {
                        step.receipts().incrementAndGet((int) index);
                    } else {
                        step.strays().incrementAndGet();
                    }
                }
                case "broadcastResult" -> {
                    long sent = Scan.number(text, "sendTime");
                    lastListenerCount = Scan.number(text, "listenerCount");
                    if (lastListenerCount != connected) {
                        listenerMismatches.incrementAndGet();
                    }
                    roundTrips.add(System.nanoTime() - sent);
                }
                case "echo" -> echoes.release();
                default -> problems.add("a message of unknown type " + type);
            }
        }

        @Override
        public void closed(int code) {
            if (closing) {
                channel.close(); // the close handshake is done; the client need not wait for the server's FIN
            } else {
                problems.add("the server closed a client with " + code);
            }
        }

        @Override
        public void problem(String problem) {
            problems.add(problem);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            problems.add("a client failed: " + cause);
            fail(cause);
            context.close();
        }
    }
}
