package io.wschannels.benchmarks;

import java.io.IOException;
import java.util.List;

/**
 * Servers (and Redis) on core 0, the load driver on core 1, when the machine has two or more
 * cores and {@code taskset} exists: the clients' work then never steals the servers' CPU in the
 * middle of a measurement.
 */
public final class Cores {

    public static final String SERVERS = "0";
    public static final String DRIVER = "1";

    /** Read before anything is pinned: a pinned JVM counts only the cores it may use. */
    private static final int COUNT = Runtime.getRuntime().availableProcessors();

    private static volatile boolean pinned;

    private Cores() {}

    /** Pins every thread of the process to the core; says so on standard error when it cannot. */
    public static void pin(long pid, String core, String who) {
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

    /**
     * The prefix that starts a command on the core, so that the process sees only that core from
     * its start (a JVM sizes its thread pools and picks its collector by what it sees then); empty
     * on a single core.
     */
    public static List<String> startOn(String core) {
        if (COUNT < 2) {
            return List.of();
        }
        pinned = true;
        return List.of("taskset", "-c", core);
    }

    /** The machine's cores, as this JVM saw them before it was pinned. */
    public static int count() {
        return COUNT;
    }

    /** Whether any process was pinned, for the report's heading. */
    public static boolean pinned() {
        return pinned;
    }
}
