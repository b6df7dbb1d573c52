package io.wschannels.it.payara;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Ending a server's process for certain, and looking inside one that hangs. */
final class Processes {

    private Processes() {}

    /** @return whether the process exited within {@code wait} */
    static boolean awaitExit(Process process, Duration wait) {
        try {
            return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** Kills the process and any it started, without asking, and waits until it is gone. */
    static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        if (!awaitExit(process, Duration.ofSeconds(30))) {
            throw new IllegalStateException("Process " + process.pid() + " survived being killed");
        }
    }

    /**
     * Writes a thread dump of a running Java process into {@code folder}, taken with the {@code
     * jstack} beside the process's own {@code java}.
     *
     * @return the file's path, or a sentence saying why there is none
     */
    static String dumpThreads(Process process, Path folder) {
        Path jstack = process.info()
                .command()
                .map(java -> Path.of(java).resolveSibling("jstack"))
                .filter(Files::isExecutable)
                .orElse(null);
        if (jstack == null) {
            return "(no jstack beside the process's java)";
        }
        try {
            Path dump = folder.resolve("threads-of-" + process.pid() + ".txt");
            Process taking = new ProcessBuilder(jstack.toString(), String.valueOf(process.pid()))
                    .redirectErrorStream(true)
                    .redirectOutput(dump.toFile())
                    .start();
            if (!awaitExit(taking, Duration.ofSeconds(60))) {
                taking.destroyForcibly();
            }
            return dump.toString();
        } catch (IOException e) {
            return "(jstack failed: " + e.getMessage() + ")";
        }
    }
}
