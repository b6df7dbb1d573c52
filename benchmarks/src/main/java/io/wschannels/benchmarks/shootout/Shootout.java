package io.wschannels.benchmarks.shootout;

import io.wschannels.benchmarks.Cores;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The websocket-shootout broadcast benchmark: the channel on the standalone server, the same
 * protocol as a plain JSR-356 endpoint on the same server, on Netty, on Undertow and on Node's
 * {@code ws}, and the channel and a plain endpoint in one WAR on Payara Micro and on WildFly, each alone on the
 * servers' core in turn, driven by {@link Ladder} from the other core;
 * progress as it goes, a Markdown table at the end (also written to
 * {@code benchmarks/target/shootout.md}).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar shootout [--servers channel,node,...] [--warm-up 20]
 *         [--server-jvm-options "-XX:StartFlightRecording=filename=server.jfr"]
 * </pre>
 */
public final class Shootout {

    private static final Map<String, String> LABELS = new LinkedHashMap<>();

    static {
        LABELS.put("channel", "channel on the standalone server (Tyrus/Grizzly)");
        LABELS.put("channel-netty", "channel on the standalone server (Netty)");
        LABELS.put("endpoint", "plain JSR-356 endpoint, same server (Tyrus/Grizzly)");
        LABELS.put("node", "Node ws");
        LABELS.put("netty", "Netty");
        LABELS.put("undertow", "Undertow");
        LABELS.put("payara-channel", "channel in a WAR on Payara Micro 6 (Tyrus)");
        LABELS.put("payara-endpoint", "plain JSR-356 endpoint, same WAR, same server");
        LABELS.put("wildfly-channel", "channel in a WAR on WildFly 39 (Undertow)");
        LABELS.put("wildfly-endpoint", "plain JSR-356 endpoint, same WAR, same server");
    }

    /** Every JVM server's heap, resident from the start, so that resident memory grows with connections only. */
    private static final List<String> JVM_HEAP = List.of("-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch");

    private Shootout() {}

    public static void main(String[] args) throws Exception {
        List<String> servers = new ArrayList<>(LABELS.keySet());
        List<String> jvmOptions = List.of();
        Integer warmUp = null;
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--servers" -> servers = List.of(value.split(","));
                case "--server-jvm-options" -> jvmOptions = List.of(value.trim().split("\\s+"));
                case "--warm-up" -> warmUp = Integer.valueOf(value);
                default ->
                    throw new IllegalArgumentException("Unknown option " + args[i]
                            + "; the options are --servers a,b,..., --warm-up <rounds>"
                            + " and --server-jvm-options \"...\"");
            }
        }
        Cores.pin(ProcessHandle.current().pid(), Cores.DRIVER, "driver");
        Ladder.Settings settings = Ladder.Settings.defaults(clientCap());
        if (warmUp != null) {
            settings = settings.withWarmUpRounds(warmUp);
        }
        say(String.format(
                Locale.ROOT,
                "Shootout on %d cores, Java %s: each server alone%s; %d rounds of warm-up; steps of %,d clients"
                        + " up to %,d, %d broadcasts in flight, %d round trips a step, until p%d > %.0f ms",
                Cores.count(),
                System.getProperty("java.version"),
                Cores.count() > 1 ? " on core " + Cores.SERVERS + ", the driver on core " + Cores.DRIVER : "",
                settings.warmUpRounds(),
                settings.stepSize(),
                settings.maxClients(),
                settings.concurrent(),
                settings.sampleSize(),
                settings.limitPercentile(),
                settings.limitMillis()));
        List<Outcome> outcomes = new ArrayList<>();
        Ladder ladder = new Ladder(settings, Shootout::say);
        for (String server : servers) {
            if (!LABELS.containsKey(server)) {
                throw new IllegalArgumentException("Unknown server " + server + "; known: " + LABELS.keySet());
            }
            try (PeerProcess process = start(server, jvmOptions)) {
                ladder.warmUp(server, process);
                List<Step> steps = ladder.climb(server, process);
                Step last = steps.get(steps.size() - 1);
                boolean capped = last.clients() + settings.stepSize() > settings.maxClients();
                Outcome outcome = new Outcome(server, LABELS.get(server), steps, capped, settings.warmUpRounds() > 0);
                outcomes.add(outcome);
                List<String> heap = outcome.heapByClass(15);
                if (!heap.isEmpty()) {
                    say(server + ": live heap per connection, the classes that grew most");
                    heap.forEach(line -> say("    " + line));
                }
            }
        }
        String report = Report.markdown(outcomes, settings);
        say("");
        say(report);
        Path out = Path.of("benchmarks", "target", "shootout.md");
        if (Files.isDirectory(out.getParent())) {
            Files.writeString(out, report);
            say("Written to " + out);
        }
    }

    private static PeerProcess start(String server, List<String> jvmOptions) throws Exception {
        if (server.startsWith("payara-")) {
            return payara(server, jvmOptions);
        }
        if (server.startsWith("wildfly-")) {
            return wildfly(server, jvmOptions);
        }
        if (server.equals("node")) {
            Path directory = nodeServer();
            return PeerProcess.start(server, List.of("node", "shootout-server.js"), false, directory);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(JVM_HEAP);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ShootoutServer.class.getName(), server));
        return PeerProcess.start(
                server, command, true, Path.of("."), ShootoutServer.path(server), PeerProcess::readyLine);
    }

    /**
     * Payara Micro with the shootout's WAR ({@link ShootoutWar}), the channel measured on
     * {@code /shootout/shootout} and the plain endpoint beside it on {@code /shootout/plain}, each in
     * a server of its own. Payara Micro is the jar the build copies to {@code benchmarks/target/servers}.
     */
    private static PeerProcess payara(String server, List<String> jvmOptions) throws Exception {
        Path target = Path.of("benchmarks", "target");
        Path micro = target.resolve("servers").resolve("payara-micro.jar");
        if (!Files.isRegularFile(micro)) {
            throw new IOException("No Payara Micro at " + micro.toAbsolutePath()
                    + ": run the benchmark from the project's folder after mvn -DskipTests package");
        }
        Path war = ShootoutWar.write(target.resolve("shootout-war"));
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(JVM_HEAP);
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-jar",
                micro.toAbsolutePath().toString(),
                "--nocluster",
                "--port",
                Integer.toString(port),
                "--deploy",
                war.toAbsolutePath().toString()));
        int listening = port;
        return PeerProcess.start(
                server,
                command,
                true,
                Path.of("."),
                pathInWar(server),
                line -> line.contains("Payara Micro") && line.contains(" ready in ") ? listening : -1);
    }

    /**
     * WildFly with the shootout's WAR in its deployments folder, started by its own {@code
     * standalone.sh} with the same heap as the other JVMs; ready once it says it has started
     * (WFLYSRV0025, after the WAR is deployed; WFLYSRV0026, started with errors, never counts).
     * WildFly is the distribution the build unpacks to {@code benchmarks/target/servers}.
     */
    private static PeerProcess wildfly(String server, List<String> jvmOptions) throws Exception {
        Path servers = Path.of("benchmarks", "target", "servers");
        Path home;
        try (Stream<Path> found = Files.isDirectory(servers) ? Files.list(servers) : Stream.empty()) {
            home = found.filter(path -> path.getFileName().toString().startsWith("wildfly-"))
                    .findFirst()
                    .orElseThrow(() -> new IOException("No WildFly in " + servers.toAbsolutePath()
                            + ": run the benchmark from the project's folder after mvn -DskipTests package"));
        }
        Path deployments = home.resolve("standalone").resolve("deployments");
        try (Stream<Path> old = Files.list(deployments)) {
            for (Path file : old.filter(path -> path.getFileName().toString().startsWith("shootout.war"))
                    .toList()) {
                Files.delete(file);
            }
        }
        Path war = ShootoutWar.write(Path.of("benchmarks", "target", "shootout-war"));
        Files.copy(war, deployments.resolve("shootout.war"));
        int port = freePort();
        List<String> options = new ArrayList<>(JVM_HEAP);
        options.addAll(jvmOptions);
        List<String> command = List.of(
                "env",
                "JAVA_HOME=" + System.getProperty("java.home"),
                "JAVA_OPTS=" + String.join(" ", options),
                home.resolve("bin").resolve("standalone.sh").toAbsolutePath().toString(),
                "-Djboss.http.port=" + port);
        int listening = port;
        return PeerProcess.start(
                server,
                command,
                true,
                Path.of("."),
                pathInWar(server),
                line -> line.contains("WFLYSRV0025") ? listening : -1);
    }

    /** The WAR's context is its name: {@code /shootout}; then the channel's or the endpoint's path. */
    private static String pathInWar(String server) {
        return server.endsWith("-channel") ? "/shootout/shootout" : "/shootout/plain";
    }

    private static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    /** The Node server and its {@code ws}, installed from the npm registry into a folder of its own. */
    private static Path nodeServer() throws IOException, InterruptedException {
        Path directory = Path.of(System.getProperty("java.io.tmpdir"), "shootout-node");
        Files.createDirectories(directory);
        for (String file : List.of("package.json", "shootout-server.js")) {
            try (InputStream in = Shootout.class.getResourceAsStream("/shootout-node/" + file)) {
                Files.copy(in, directory.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (!Files.isDirectory(directory.resolve("node_modules").resolve("ws"))) {
            say("Installing ws with npm into " + directory);
            Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--loglevel=error")
                    .directory(directory.toFile())
                    .inheritIO()
                    .start();
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IOException("npm install failed in " + directory);
            }
        }
        return directory;
    }

    /**
     * The most clients a run may open: each is a file descriptor in the driver and one in the
     * server, and neither process may pass the machine's open-file limit.
     */
    private static int clientCap() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (line.startsWith("Max open files")) {
                String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                if (!soft.equals("unlimited")) {
                    return Math.max(1000, (Integer.parseInt(soft) - 1000) / 1000 * 1000);
                }
            }
        }
        return 50_000;
    }

    private static void say(String line) {
        System.out.println(line);
    }
}
