package io.wschannels.it.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wschannels.testing.Eventually;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the server under test logs while a test runs: read from its log file where the build names
 * one ({@code server.log}: WildFly, GlassFish, Open Liberty), otherwise what its adapter relays to
 * this JVM (Payara Micro's output), plus the first-failure incident files Open Liberty writes
 * instead of logging a stack trace ({@code server.ffdc}).
 */
final class ServerLog implements AutoCloseable {

    /** A stack frame as every server prints one. */
    private static final Pattern FRAME = Pattern.compile("^\\s+at [\\w$.]+\\(.*\\)\\s*$", Pattern.MULTILINE);

    /** A record at WARNING or above: JUL / ODL names, WildFly's, Open Liberty's one-letter W and E. */
    private static final Pattern WARNING = Pattern.compile(
            "\\b(WARNING|WARN|SEVERE|ERROR)\\b|^\\[[^]]+] \\p{XDigit}+ \\S+\\s+[WE] ", Pattern.MULTILINE);

    private final Path file;
    private final long start;
    private final Path incidents;
    private final Set<Path> incidentsBefore;
    private final List<String> relayed = new CopyOnWriteArrayList<>();
    private final Handler capture;
    private final PrintStream out;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private ServerLog() {
        String named = System.getProperty("server.log");
        file = named == null ? null : Path.of(named);
        start = file != null && Files.exists(file) ? size(file) : 0;
        String ffdc = System.getProperty("server.ffdc");
        incidents = ffdc == null ? null : Path.of(ffdc);
        incidentsBefore = incidents();
        capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                relayed.add(String.valueOf(record.getMessage()));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger.getLogger("").addHandler(capture);
        out = System.out;
        System.setOut(new PrintStream(
                new OutputStream() {
                    @Override
                    public void write(int b) {
                        out.write(b);
                        synchronized (printed) {
                            printed.write(b);
                        }
                    }

                    @Override
                    public void write(byte[] bytes, int offset, int length) {
                        out.write(bytes, offset, length);
                        synchronized (printed) {
                            printed.write(bytes, offset, length);
                        }
                    }
                },
                true,
                StandardCharsets.UTF_8));
    }

    /** Starts watching: only what the server logs from now on counts. */
    static ServerLog watch() {
        return new ServerLog();
    }

    /**
     * Has the application log a marker and waits until it shows, so that everything the server
     * logged before is there too, then returns what the server logged since {@link #watch()}.
     */
    String untilNow(URL app) {
        String marker = "log-marker-" + UUID.randomUUID();
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(
                                            app.toString().replaceAll("/$", "") + "/api/log-marker/" + marker))
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(204, answer.statusCode(), answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        Eventually.await("the server logs " + marker, () -> sinceWatch().contains(marker), this::sinceWatch);
        String logged = sinceWatch();
        return logged.substring(0, logged.indexOf(marker));
    }

    /** The stack frames and the records at WARNING or above in {@code logged}, one per line. */
    static List<String> warningsAndStackTraces(String logged) {
        return logged.lines()
                .filter(line ->
                        FRAME.matcher(line).find() || WARNING.matcher(line).find())
                .toList();
    }

    /**
     * The exceptions of the incident reports Open Liberty wrote since {@link #watch()} (none
     * elsewhere), one "Exception = ..." line each, leaving out {@code expected}. Liberty records
     * the first of each exception its probes see, once per server run, whatever the level.
     */
    List<String> newIncidents(String... expected) {
        List<String> left = List.of(expected);
        return incidents().stream()
                .filter(incident -> !incidentsBefore.contains(incident))
                .filter(incident -> incident.getFileName().toString().startsWith("ffdc_"))
                .map(ServerLog::exceptionOf)
                .filter(exception -> left.stream().noneMatch(exception::contains))
                .sorted()
                .toList();
    }

    private static String exceptionOf(Path incident) {
        try (Stream<String> lines = Files.lines(incident, StandardCharsets.ISO_8859_1)) {
            return incident + ": "
                    + lines.filter(line -> line.startsWith("Exception = "))
                            .findFirst()
                            .orElse("(no exception)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Set<Path> incidents() {
        if (incidents == null || !Files.isDirectory(incidents)) {
            return Set.of();
        }
        try (Stream<Path> listed = Files.list(incidents)) {
            return listed.collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the server logged since {@link #watch()}, as far as it has reached its log. */
    String sinceWatch() {
        StringBuilder logged = new StringBuilder();
        if (file != null && Files.exists(file)) {
            try (RandomAccessFile read = new RandomAccessFile(file.toFile(), "r")) {
                long from = read.length() < start ? 0 : start; // rotated meanwhile: read the new file
                byte[] bytes = new byte[(int) (read.length() - from)];
                read.seek(from);
                read.readFully(bytes);
                logged.append(new String(bytes, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        relayed.forEach(line -> logged.append(line).append('\n'));
        synchronized (printed) {
            logged.append(printed.toString(StandardCharsets.UTF_8));
        }
        return logged.toString();
    }

    private static long size(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(capture);
        System.setOut(out);
    }
}
