package io.wschannels.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.Registry;
import io.wschannels.testing.RedisServer;
import io.wschannels.tyrus.ChannelServer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rolling restart of two server processes on Redis, with a page's client (channels.js in Node,
 * given both servers) connected throughout and a third server broadcasting to its room the whole
 * time: each server in turn is stopped with SIGTERM (it drains: 1001) and started again. The client
 * moves to the other server by itself, resumes from the room's history there, and ends with every
 * message once, in order.
 */
class RollingRestartTest {

    private static final String ROOM = "rolling";

    @TempDir
    Path client;

    @Test
    void aConnectedPageLosesNothingWhileBothServersRestartInTurn() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            int portA = freePort();
            int portB = freePort();
            NodeProcess a = NodeProcess.start(redis.url(), 15, portA);
            NodeProcess b = NodeProcess.start(redis.url(), 15, portB);
            ChannelServer publisher = publisher(redis.url());
            Process page = page(portA, portB);
            BlockingQueue<String> lines = lines(page.getInputStream());
            List<String> received = new ArrayList<>();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger published = new AtomicInteger();
            Thread publishing = new Thread(() -> publish(publisher.registry(KeptNodeChannel.class), stop, published));
            try {
                await(lines, received, ("open ws://localhost:" + portA + "/kept/" + ROOM)::equals);
                await(lines, received, "text ready"::equals);
                publishing.start();
                await(lines, received, "text 100"::equals);

                a.stop(); // drains: the page is asked to leave and goes to B
                await(lines, received, ("open ws://localhost:" + portB + "/kept/" + ROOM)::equals);
                a = NodeProcess.start(redis.url(), 15, portA);
                int then = received.size();
                await(lines, received, line -> received.size() > then + 100);

                b.stop(); // and back to A, restarted
                await(lines, received, ("open ws://localhost:" + portA + "/kept/" + ROOM)::equals);
                b = NodeProcess.start(redis.url(), 15, portB);
                int later = received.size();
                await(lines, received, line -> received.size() > later + 100);

                stop.set(true);
                publishing.join(30_000);
                int last = published.get();
                await(lines, received, ("text " + last)::equals);
                List<String> numbers =
                        received.stream().filter(line -> !line.equals("ready")).toList();
                assertEquals(
                        IntStream.rangeClosed(1, last)
                                .mapToObj(Integer::toString)
                                .toList(),
                        numbers,
                        "every broadcast once, in order, across two restarts");
            } finally {
                stop.set(true);
                page.getOutputStream().close();
                page.waitFor(10, TimeUnit.SECONDS);
                page.destroyForcibly();
                publisher.close();
                a.close();
                b.close();
            }
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static ChannelServer publisher(String redisUrl) throws Exception {
        System.setProperty(RedisTransport.URL, redisUrl);
        try {
            return ChannelServer.builder()
                    .port(0)
                    .beanClasses(KeptNodeChannel.class, RedisTransport.class)
                    .start();
        } finally {
            System.clearProperty(RedisTransport.URL);
        }
    }

    /** Broadcasts 1, 2, 3 … to the room, a few a millisecond, until told to stop. */
    private static void publish(Registry<KeptNodeChannel> registry, AtomicBoolean stop, AtomicInteger published) {
        while (!stop.get()) {
            int next = published.get() + 1;
            try {
                registry.room(ROOM)
                        .broadcast(Integer.toString(next))
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("broadcast " + next + " failed", e);
            }
            published.set(next);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2)); // a steady stream, not a burst
        }
    }

    /** channels.js and the client script in a folder of their own, run by Node. */
    private Process page(int portA, int portB) throws Exception {
        try (InputStream library = getClass().getResourceAsStream("/META-INF/resources/wschannels/channels.js")) {
            assertNotNull(library, "channels.js is on the test class path, in channels-cdi");
            Files.copy(library, client.resolve("channels.js"));
        }
        Files.copy(Path.of("src/test/js/rolling-client.mjs"), client.resolve("rolling-client.mjs"));
        return new ProcessBuilder(
                        "node",
                        "--experimental-websocket",
                        "--no-warnings",
                        client.resolve("rolling-client.mjs").toString(),
                        "kept/" + ROOM,
                        "ws://localhost:" + portA + "/",
                        "ws://localhost:" + portB + "/")
                .redirectErrorStream(true)
                .start();
    }

    private static BlockingQueue<String> lines(InputStream out) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(
                () -> new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8))
                        .lines()
                        .forEach(lines::add),
                "page-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    /** Reads the page's lines until one matches; its texts go to {@code received}. */
    private static void await(BlockingQueue<String> lines, List<String> received, Predicate<String> until)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<String> other = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) {
                break;
            }
            if (line.startsWith("text ")) {
                received.add(line.substring("text ".length()));
            } else {
                other.add(line);
            }
            assertTrue(!line.startsWith("impossible "), "the page could not recover: " + line);
            if (until.test(line)) {
                return;
            }
        }
        throw new AssertionError("Not seen within 30 s; the page said " + other + " and received " + received.size()
                + " messages, the last " + (received.isEmpty() ? "none" : received.get(received.size() - 1)));
    }
}
