package io.wschannels.it.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.it.invalid.BrokenRouteChannel;
import io.wschannels.it.invalid.TwinA;
import io.wschannels.it.invalid.TwinB;
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
        // What the server logged, for containers whose adapter reports only that deployment failed
        // (the Payara Micro adapter relays the server's output to this JVM).
        Exception failure = null;
        String logged;
        try (ServerLog log = ServerLog.watch()) {
            try {
                deployer.deploy("invalid");
            } catch (Exception refused) {
                failure = refused;
            }
            logged = log.sinceWatch();
        }
        // That it was refused is what the server's own tooling says: WildFly's adapter throws the
        // outcome of its management operation, GlassFish's the exit status and message of asadmin
        // deploy, Open Liberty's the CWWKZ0002E failure of its application manager. The Payara
        // Micro adapter only waits for Micro's start-up banner and returns normally even when the
        // application failed to load, so there it is what Payara logged. The problems are named in
        // the refusal (WildFly, GlassFish) or in the server's log (Liberty's adapter passes on only
        // the first line of a CDI definition error without its support feature installed).
        StringBuilder reported = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            reported.append(t).append('\n');
        }
        if (failure == null) {
            assertTrue(
                    logged.contains("Exception while loading the app"),
                    "the server must refuse the application; it logged: " + logged);
        }
        reported.append(logged);
        // WildFly quotes the failure inside its management result, escaping quotation marks.
        String message = reported.toString().replace("\\\"", "\"");
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
