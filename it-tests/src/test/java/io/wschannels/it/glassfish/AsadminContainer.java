package io.wschannels.it.glassfish;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;

/**
 * GlassFish driven by its own command line, for the tests that deploy WARs: {@code asadmin
 * start-domain} at the start, {@code deploy} and {@code undeploy} per archive (the exit status says
 * whether a deployment failed, with asadmin's message), {@code stop-domain} at the end. Written for
 * GlassFish 8, whose asadmin runs on the module path: the managed adapters published for GlassFish 7
 * start {@code java -jar glassfish/modules/admin-cli.jar}, which GlassFish 8 no longer has.
 */
public final class AsadminContainer implements DeployableContainer<AsadminConfiguration> {

    private static final Logger LOG = Logger.getLogger(AsadminContainer.class.getName());
    private static final String DOMAIN = "domain1";

    private AsadminConfiguration configuration;

    @Override
    public Class<AsadminConfiguration> getConfigurationClass() {
        return AsadminConfiguration.class;
    }

    @Override
    public void setup(AsadminConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public void start() throws LifecycleException {
        Result started = asadmin(configuration.getStartupTimeoutInSeconds(), "start-domain", DOMAIN);
        if (started.status() != 0) {
            throw new LifecycleException("GlassFish did not start (asadmin start-domain exited with " + started.status()
                    + "):\n" + started.output());
        }
    }

    @Override
    public void stop() throws LifecycleException {
        Result stopped = asadmin(120, "stop-domain", DOMAIN);
        if (stopped.status() != 0) {
            throw new LifecycleException("GlassFish did not stop (asadmin stop-domain exited with " + stopped.status()
                    + "):\n" + stopped.output());
        }
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        return new ProtocolDescription("Local");
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        String name = name(archive);
        Path file;
        try {
            file = Files.createTempDirectory("glassfish-deploy").resolve(archive.getName());
        } catch (IOException e) {
            throw new DeploymentException("Cannot write " + archive.getName(), e);
        }
        archive.as(ZipExporter.class).exportTo(file.toFile(), true);
        Result deployed =
                asadmin(300, "deploy", "--force=true", "--name", name, "--contextroot", name, file.toString());
        if (deployed.status() != 0) {
            throw new DeploymentException("GlassFish refused " + archive.getName() + " (asadmin deploy exited with "
                    + deployed.status() + "):\n" + deployed.output());
        }
        HTTPContext http = new HTTPContext("localhost", configuration.getHttpPort());
        http.add(new Servlet("default", "/" + name));
        return new ProtocolMetaData().addContext(http);
    }

    @Override
    public void undeploy(Archive<?> archive) throws DeploymentException {
        Result undeployed = asadmin(120, "undeploy", name(archive));
        if (undeployed.status() != 0) {
            throw new DeploymentException("asadmin undeploy " + name(archive) + " exited with " + undeployed.status()
                    + ":\n" + undeployed.output());
        }
    }

    private static String name(Archive<?> archive) {
        String name = archive.getName();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private record Result(int status, String output) {}

    /** Runs asadmin and waits for it; a command that outlives its time is killed and fails. */
    private Result asadmin(int timeoutSeconds, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(new File(configuration.getGlassFishHome(), "bin/asadmin").getAbsolutePath());
        command.add("--interactive=false");
        command.addAll(List.of(arguments));
        try {
            Path log = Files.createTempFile("asadmin", ".log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            boolean ended = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!ended) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            LOG.info(() -> String.join(" ", arguments) + ": " + output.strip());
            return new Result(
                    ended ? process.exitValue() : -1,
                    ended ? output : output + "\n(killed after " + timeoutSeconds + " s)");
        } catch (IOException e) {
            return new Result(-1, "asadmin could not be run: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }
}
