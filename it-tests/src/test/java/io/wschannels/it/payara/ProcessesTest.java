package io.wschannels.it.payara;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessesTest {

    @TempDir
    Path folder;

    private Process process;

    @AfterEach
    void noneLeft() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Test
    void aProcessThatIgnoresBeingAskedToEndIsKilled() throws Exception {
        process = new ProcessBuilder("bash", "-c", "trap '' TERM; echo ready; sleep infinity; exit")
                .redirectErrorStream(true)
                .start();
        assertTrue(new String(process.getInputStream().readNBytes(6)).startsWith("ready"));
        process.destroy();
        assertFalse(Processes.awaitExit(process, Duration.ofMillis(500)), "it ignores SIGTERM");
        Processes.kill(process);
        assertFalse(process.isAlive());
        assertTrue(process.descendants().findAny().isEmpty(), "nor is its sleep left");
    }

    @Test
    void aRunningJavaProcessHasItsThreadsDumped() throws Exception {
        Path program = Files.writeString(
                folder.resolve("Waits.java"),
                "class Waits { public static void main(String[] a) throws Exception {"
                        + " System.out.println(\"ready\"); System.in.read(); } }");
        process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(), program.toString())
                .redirectErrorStream(true)
                .start();
        assertTrue(new String(process.getInputStream().readNBytes(5)).startsWith("ready"));
        String where = Processes.dumpThreads(process, folder);
        Path dump = Path.of(where);
        assertTrue(Files.isRegularFile(dump), where);
        String threads = Files.readString(dump);
        assertTrue(threads.contains("\"main\"") && threads.contains("Waits.main"), threads);
        Processes.kill(process);
    }
}
