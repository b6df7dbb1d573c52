package io.wschannels.benchmarks;

import java.io.IOException;

/**
 * Servers (and Redis) on core 0, the load driver on core 1, when the machine has two or more
 * cores and {@code taskset} exists: the clients' work then never steals the servers' CPU in the
 * middle of a measurement.
 */
final class Cores {

    static final String SERVERS = "0";
    static final String DRIVER = "1";

    /** Read before anything is pinned: a pinned JVM counts only the cores it may use. */
    private static final int COUNT = Runtime.getRuntime().availableProcessors();

    private static volatile boolean pinned;

    private Cores() {}

    /** Pins every thread of the process to the core; says so on standard error when it cannot. */
    static void pin(long pid, String core, String who) {
        if (COUNT < 2) {
            return;
        }
        try {
            Process taskset = new ProcessBuilder("taskset", "-a", "-cp", core, Long.toString(pid))
                    .redirectErrorStream(true)
                    .start();
            taskset.getInputStream().readAllBytes();
            if (taskset.waitFor() == 0) {
                pinned = true;
            } else {
                System.err.println("(" + who + " not pinned: taskset failed)");
            }
        } catch (IOException | InterruptedException e) {
            System.err.println("(" + who + " not pinned: " + e.getMessage() + ")");
        }
    }

    /** The machine's cores, as this JVM saw them before it was pinned. */
    static int count() {
        return COUNT;
    }

    /** Whether any process was pinned, for the report's heading. */
    static boolean pinned() {
        return pinned;
    }
}
