package io.wschannels.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real redis-server (Debian's package, which .ci/run installs) on a free port of its own, for
 * one test class: started, stopped and started again on the same port. For the cluster tests of
 * channels-redis and of the application servers, and the benchmark's two-server run.
 */
public final class RedisServer implements AutoCloseable {

    private static final Path EXECUTABLE = Path.of("/usr/bin/redis-server");
    private final int port;
    private Process process;

    private RedisServer(int port) {
        this.port = port;
    }

    /** Whether Debian's redis-server is installed. */
    public static boolean installed() {
        return Files.isExecutable(EXECUTABLE);
    }

    public static RedisServer start() throws Exception {
        if (!installed()) {
            throw new IllegalStateException(
                    "The cluster tests need redis-server (Debian package redis-server;" + " .ci/run installs it)");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        RedisServer server = new RedisServer(port);
        server.startAgain();
        return server;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** The process id of the running redis-server, for a benchmark that pins it to a core. */
    public long pid() {
        return process.pid();
    }

    /** Starts the process (again, after {@link #stop()}) and waits until it answers PING. */
    public void startAgain() throws Exception {
        process = new ProcessBuilder(
                        EXECUTABLE.toString(),
                        "--port",
                        Integer.toString(port),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--protected-mode",
                        "no")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!answersPing()) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IllegalStateException("redis-server did not start on port " + port);
            }
            Thread.onSpinWait();
            TimeUnit.MILLISECONDS.sleep(20); // polling a starting process: nothing to wait on instead
        }
    }

    /** Stops the process, as a crash or a restart would. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readNBytes(7);
            return new String(answer, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            stop();
        }
    }
}
