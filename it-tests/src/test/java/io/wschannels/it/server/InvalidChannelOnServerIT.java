package io.wschannels.it.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.it.invalid.BrokenRouteChannel;
import io.wschannels.it.invalid.TwinA;
import io.wschannels.it.invalid.TwinB;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A WAR with invalid channels must not deploy, and the server must say why, naming every class. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class InvalidChannelOnServerIT {

    @Deployment(name = "invalid", managed = false, testable = false)
    static WebArchive invalid() {
        return Wars.withLibrary("invalid").addClasses(BrokenRouteChannel.class, TwinA.class, TwinB.class);
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void anInvalidChannelFailsTheDeploymentWithEveryProblemNamed() {
        // What the server printed, for containers whose adapter reports only that deployment failed
        // (the Payara Micro adapter relays the server's output through java.util.logging).
        List<String> serverOutput = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                serverOutput.add(String.valueOf(record.getMessage()));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        // ... or prints it to standard output.
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(
                new OutputStream() {
                    @Override
                    public void write(int b) {
                        out.write(b);
                        printed.write(b);
                    }

                    @Override
                    public void write(byte[] bytes, int offset, int length) {
                        out.write(bytes, offset, length);
                        printed.write(bytes, offset, length);
                    }
                },
                true,
                StandardCharsets.UTF_8));
        Exception failure = null;
        try {
            deployer.deploy("invalid");
        } catch (Exception refused) {
            failure = refused;
        } finally {
            root.removeHandler(capture);
            System.setOut(out);
        }
        serverOutput.add(printed.toString(StandardCharsets.UTF_8));
        StringBuilder reported = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            reported.append(t).append('\n');
        }
        serverOutput.forEach(line -> reported.append(line).append('\n'));
        // WildFly quotes the failure inside its management result, escaping quotation marks.
        String message = reported.toString().replace("\\\"", "\"");
        // WildFly's adapter throws the server's refusal. The Payara Micro adapter only waits for
        // Micro's start-up banner and returns normally even when the application failed to load,
        // so there the refusal is what Payara printed.
        assertTrue(
                failure != null || message.contains("Exception while loading the app"),
                "the server must refuse the application; it reported: " + message);
        assertTrue(message.contains("Channel deployment failed with 2 problems"), message);
        assertTrue(
                message.contains(
                        "io.wschannels.it.invalid.BrokenRouteChannel: @Route route \"/broken/{id\" is" + " malformed"),
                message);
        assertTrue(
                message.contains("Channels io.wschannels.it.invalid.TwinA (@Route(\"/twins/{a}\")) and"
                        + " io.wschannels.it.invalid.TwinB (@Route(\"/twins/:b\")) declare equivalent routes"),
                message);
    }
}
