package io.wschannels.redis;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A cluster node ({@link NodeMain}) in a JVM of its own, started and killed by a test. */
final class NodeProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private NodeProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts a node on the Redis and waits until it serves. */
    static NodeProcess start(String redisUrl, int presenceTtlSeconds) throws Exception {
        return start(redisUrl, presenceTtlSeconds, 0);
    }

    /** Starts a node on the Redis, on that port ({@code 0}: a free one), and waits until it serves. */
    static NodeProcess start(String redisUrl, int presenceTtlSeconds, int port) throws Exception {
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        NodeMain.class.getName(),
                        redisUrl,
                        Integer.toString(presenceTtlSeconds),
                        Integer.toString(port))
                .redirectErrorStream(true)
                .start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder said = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("PORT ")) {
                Thread drain =
                        new Thread(() -> out.lines().forEach(ignored -> {}), "node-" + process.pid() + "-output");
                drain.setDaemon(true);
                drain.start();
                return new NodeProcess(
                        process, Integer.parseInt(line.substring(5).trim()));
            }
            said.append(line).append('\n');
        }
        throw new IllegalStateException("The node process ended before it served:\n" + said);
    }

    /** The node's WebSocket root, {@code ws://localhost:port/}. */
    URI ws() {
        return URI.create("ws://localhost:" + port + "/");
    }

    /** The port it serves on. */
    int port() {
        return port;
    }

    /** SIGTERM: the node drains (its clients are asked to leave with 1001) and exits. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("node process " + process.pid() + " still runs 30 s after SIGTERM");
        }
    }

    /** SIGKILL: the node vanishes without a goodbye. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("node process " + process.pid() + " outlived SIGKILL by 10 s");
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
