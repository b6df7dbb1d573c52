package io.wschannels.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.testing.TestClient;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The packaged chat example, started the way the README says, as a separate process. */
class ChatJarIT {

    private static final Pattern READY = Pattern.compile("Chat example running at (http://\\S+/) ");
    private Process process;
    private final BlockingQueue<String> output = new LinkedBlockingQueue<>();

    private Process start(String... args) throws Exception {
        Path jar = Path.of(System.getProperty("chat.jar"));
        assertTrue(Files.isRegularFile(jar), jar + " is missing: run 'mvn verify' from the repository root");
        java.util.List<String> command = new java.util.ArrayList<>(
                java.util.List.of(System.getProperty("java.command", "java"), "-jar", jar.toString()));
        command.addAll(java.util.List.of(args));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader lines = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        lines.lines().forEach(output::add);
                    } catch (java.io.IOException e) {
                        output.add("(output closed: " + e + ")");
                    }
                },
                "chat-output");
        reader.setDaemon(true);
        reader.start();
        return process;
    }

    private URI awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline) {
            String line = output.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) {
                break;
            }
            seen.append(line).append('\n');
            Matcher ready = READY.matcher(line);
            if (ready.find()) {
                return URI.create(ready.group(1));
            }
        }
        throw new AssertionError("The chat example did not print its address within 60 s. Output:\n" + seen);
    }

    @AfterEach
    void stopProcess() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theJarServesThePageAndTheChatAndClosesConnectionsWith1001OnSigterm() throws Exception {
        start("--port", "0");
        URI root = awaitReady();

        HttpResponse<String> page = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(root).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<title>Chat"), page.body());

        URI lobby = URI.create("ws://" + root.getHost() + ":" + root.getPort() + "/chat/lobby?name=ann");
        try (TestClient ann = TestClient.connect(lobby)) {
            assertEquals("Welcome to room lobby", ann.awaitJson("system").getString("message"));
            ann.send("{\"type\":\"chat_message\",\"message\":\"hello from the jar\"}");
            JsonObject chat = ann.awaitJson("chat_message");
            assertEquals("hello from the jar", chat.getString("message"));

            process.destroy(); // SIGTERM, as Ctrl-C or a service manager would send

            ann.awaitClose(1001, "Server shutting down");
        }
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the process did not exit within 30 s of SIGTERM");
        assertEquals(143, process.exitValue(), "exit status after SIGTERM (128 + 15)");
    }

    @Test
    void aBadArgumentIsExplainedWithTheUsage() throws Exception {
        start("--port", "eighty");
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue());
        StringBuilder all = new StringBuilder();
        output.forEach(line -> all.append(line).append('\n'));
        assertTrue(
                all.toString().contains("chat: --port must be a number from 0 to 65535, not 'eighty'"), all.toString());
        assertTrue(all.toString().contains("usage: java -jar chat.jar [--port PORT] [--host HOST]"), all.toString());
    }
}
