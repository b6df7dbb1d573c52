package io.wschannels.benchmarks.shootout;

import io.wschannels.benchmarks.Cores;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToIntFunction;

/**
 * One server of the shootout in a process of its own, on the servers' core: started, awaited until
 * it prints {@code READY <port>}, and read from the outside while it runs (CPU time and resident
 * memory from {@code /proc}; for a JVM, the live heap from a class histogram, which collects first).
 */
final class PeerProcess implements AutoCloseable {

    /** Clock ticks per second of {@code /proc/<pid>/stat}: 100 on Linux. */
    private static final double TICK_MICROS = 10_000;

    private final String name;
    private final Process process;
    private final int port;
    private final String path;
    private final boolean jvm;

    private PeerProcess(String name, Process process, int port, String path, boolean jvm) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.path = path;
        this.jvm = jvm;
    }

    /**
     * Starts the command on the servers' core (see {@link Cores#startOn}); it is ready when it
     * prints {@code READY <port>}, and serves the protocol on {@code /shootout}.
     */
    static PeerProcess start(String name, List<String> command, boolean jvm, Path directory) throws Exception {
        return start(name, command, jvm, directory, "/shootout", PeerProcess::readyLine);
    }

    /** The port of a {@code READY <port>} line, else -1. */
    static int readyLine(String line) {
        return line.startsWith("READY ") ? Integer.parseInt(line.substring(6).trim()) : -1;
    }

    /**
     * @param path where the server serves the protocol
     * @param ready the port the server listens on once a line of its output says it is ready, else -1
     */
    static PeerProcess start(
            String name, List<String> command, boolean jvm, Path directory, String path, ToIntFunction<String> ready)
            throws Exception {
        List<String> pinned = new ArrayList<>(Cores.startOn(Cores.SERVERS));
        pinned.addAll(command);
        Process process = new ProcessBuilder(pinned)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .start();
        try {
            return new PeerProcess(name, process, awaitReady(name, process, ready), path, jvm);
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    int port() {
        return port;
    }

    /** Where the server serves the protocol, for example {@code /shootout}. */
    String path() {
        return path;
    }

    boolean isJvm() {
        return jvm;
    }

    /**
     * The JVM or Node process measured: the one started, or, when that is a launch script (WildFly's
     * {@code standalone.sh}), the {@code java} process it started.
     */
    private long measuredPid() {
        if (process.info().command().map(PeerProcess::isScript).orElse(false)) {
            return process.descendants()
                    .filter(child ->
                            child.info().command().map(c -> c.endsWith("/java")).orElse(false))
                    .findFirst()
                    .map(ProcessHandle::pid)
                    .orElse(process.pid());
        }
        return process.pid();
    }

    private static boolean isScript(String command) {
        return command.endsWith("/bash") || command.endsWith("/sh") || command.endsWith("/dash");
    }

    /** User and system CPU time the process has used so far, in microseconds. */
    double cpuMicros() throws IOException {
        return cpuMicros(measuredPid());
    }

    /** User and system CPU time a process has used so far, in microseconds, from {@code /proc}. */
    static double cpuMicros(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // After the command name: state is field 3 of stat(5), utime 14 and stime 15.
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * TICK_MICROS;
    }

    /** Resident memory, in bytes. */
    long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(measuredPid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS in /proc/" + measuredPid() + "/status");
    }

    /**
     * The objects alive on the JVM's heap by class, from {@code jcmd GC.class_histogram}, which runs
     * a full collection first and counts what survives; {@link Histogram#NONE} when not a JVM.
     */
    Histogram liveHeap() throws Exception {
        if (!jvm) {
            return Histogram.NONE;
        }
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process histogram = new ProcessBuilder(jcmd.toString(), Long.toString(measuredPid()), "GC.class_histogram")
                .redirectErrorStream(true)
                .start();
        String output = new String(histogram.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!histogram.waitFor(120, TimeUnit.SECONDS) || histogram.exitValue() != 0) {
            throw new IOException("jcmd GC.class_histogram failed for " + name + ": " + output);
        }
        return Histogram.parse(output);
    }

    @Override
    public void close() throws InterruptedException {
        // A launch script does not always pass its end on to the server it started: the server is
        // stopped first, and waited for, so that the next one starts on a quiet core.
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                child.destroyForcibly();
            }
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int awaitReady(String name, Process server, ToIntFunction<String> ready) throws IOException {
        BufferedReader lines =
                new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = lines.readLine()) != null) {
            int port = ready.applyAsInt(line);
            if (port > 0) {
                Thread drain = new Thread(() -> {
                    try {
                        lines.lines().forEach(l -> System.err.println("[" + name + "] " + l));
                    } catch (UncheckedIOException closed) {
                        // the server was stopped: nothing more to relay
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return port;
            }
            System.err.println("[" + name + "] " + line);
        }
        throw new IOException("The server '" + name + "' exited before it was ready");
    }
}
