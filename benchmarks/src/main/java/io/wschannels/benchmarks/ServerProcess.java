package io.wschannels.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One benchmark server ({@link BenchServer}) in a child JVM with a 1 GiB heap, and the driver's
 * control connection to it: how many connections are open, the heap after GC.
 */
final class ServerProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final int port;
    private WebSocket controlSocket;
    private volatile CompletableFuture<String> controlAnswer;

    private ServerProcess(String name, Process process, int port) {
        this.name = name;
        this.process = process;
        this.port = port;
    }

    /**
     * Starts a server and waits until it serves.
     *
     * @param redisUrl the Redis all servers of a cluster share, or {@code null} for a server alone
     */
    static ServerProcess start(String name, String redisUrl) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java, "-Xms1g", "-Xmx1g", "-cp", System.getProperty("java.class.path"), BenchServer.class.getName()));
        if (redisUrl != null) {
            command.add(redisUrl);
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Cores.pin(process.pid(), Cores.SERVERS, name);
        try {
            return new ServerProcess(name, process, awaitPort(name, process));
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    URI uri(String target, String room) {
        return URI.create("ws://127.0.0.1:" + port + "/" + target + "/" + room);
    }

    /** Asks the server process; one control connection for the whole run. */
    synchronized String control(String command) throws Exception {
        if (controlSocket == null) {
            controlSocket = HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/control"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            controlAnswer.complete(data.toString());
                            webSocket.request(1);
                            return null;
                        }
                    })
                    .get(30, TimeUnit.SECONDS);
        }
        controlAnswer = new CompletableFuture<>();
        controlSocket.sendText(command, true).get(30, TimeUnit.SECONDS);
        return controlAnswer.get(60, TimeUnit.SECONDS);
    }

    /** The server's heap after full collections, in bytes. */
    long heap() throws Exception {
        return Long.parseLong(control("heap"));
    }

    /**
     * The heap after GC once what earlier phases left behind is gone: closed connections take a
     * second or two to be released after the server counts them closed, so this reads the heap
     * until two readings in a row agree within 1 MiB (for 30 s at most).
     */
    long settledHeap() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long previous = heap();
        while (true) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
            long now = heap();
            if (Math.abs(now - previous) < 1048576 || System.nanoTime() > deadline) {
                return now;
            }
            previous = now;
        }
    }

    /** Connections of the channel open on this server. */
    int channelConnections() throws Exception {
        return Integer.parseInt(control("open").split(" ")[1]);
    }

    /** Waits until the server counts at least {@code n} connections of the target, or exactly none for 0. */
    void awaitOpen(String target, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            String[] open = control("open").split(" ");
            int count = Integer.parseInt(
                    switch (target) {
                        case "raw" -> open[0];
                        case "kept" -> open[2];
                        default -> open[1];
                    });
            if (n == 0 ? count == 0 : count >= n) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        name + ", " + target + ": " + count + " connections open, expected " + n);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int awaitPort(String name, Process server) throws Exception {
        BufferedReader lines =
                new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.startsWith("READY ")) {
                Thread drain = new Thread(() -> lines.lines().forEach(l -> System.err.println("[" + name + "] " + l)));
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(line.substring(6).trim());
            }
            System.err.println("[" + name + "] " + line);
        }
        throw new IllegalStateException("The benchmark server '" + name + "' exited before it was ready");
    }
}
