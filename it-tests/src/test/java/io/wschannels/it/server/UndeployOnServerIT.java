package io.wschannels.it.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.it.app.ProbeChannel;
import io.wschannels.it.app.Visits;
import io.wschannels.testing.TestClient;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Undeploying an application closes its open connections with 1001 (going away) and leaves nothing
 * behind: the same application deploys again on the same server, registers its endpoints again, and
 * starts from a clean state.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UndeployOnServerIT {

    @Deployment(name = "leaving", managed = false, testable = false)
    static WebArchive leaving() {
        return Wars.withLibrary("leaving").addClasses(ProbeChannel.class, Visits.class);
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    @Order(1)
    void deploy() {
        deployer.deploy("leaving");
    }

    @Test
    @Order(2)
    void undeployingClosesOpenConnectionsWith1001(@ArquillianResource @OperateOnDeployment("leaving") URL leaving) {
        try (TestClient client = TestClient.connect(ApplicationOnServerIT.ws(leaving, "/probe/bye"))) {
            assertTrue(client.awaitText().startsWith("room=bye"));
            deployer.undeploy("leaving");
            TestClient.Closed closed = client.awaitClose();
            assertEquals(1001, closed.code(), "close code; reason \"" + closed.reason() + "\"");
        }
    }

    @Test
    @Order(3)
    void deployAgain() {
        deployer.deploy("leaving");
    }

    @Test
    @Order(4)
    void theRedeployedApplicationServesFromACleanState(
            @ArquillianResource @OperateOnDeployment("leaving") URL leaving) {
        try (TestClient client = TestClient.connect(ApplicationOnServerIT.ws(leaving, "/probe/again"))) {
            // instance=1: a new application, not the old one's beans and counters.
            assertEquals("room=again q=null instance=1", client.awaitText());
        } finally {
            deployer.undeploy("leaving");
        }
    }
}
