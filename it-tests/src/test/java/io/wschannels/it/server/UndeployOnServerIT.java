package io.wschannels.it.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.it.app.ProbeChannel;
import io.wschannels.it.app.Visits;
import io.wschannels.testing.RawClient;
import io.wschannels.testing.TestClient;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
 * Undeploying an application closes its open connections with 1001 (going away), spread over the
 * drain window so that its clients do not all come back at once, and leaves nothing behind: the same
 * application deploys again on the same server, registers its endpoints again, and starts from a
 * clean state.
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
    void undeployingClosesOpenConnectionsWith1001SpreadOverTheDrainWindow(
            @ArquillianResource @OperateOnDeployment("leaving") URL leaving) throws Exception {
        // 120 clients, over the 100 closes a second the drain always allows: with the default
        // window of 10 s they leave about 10 ms apart, over some 1.2 s, not all at once.
        int clients = 120;
        List<RawClient> raw = new ArrayList<>();
        ExecutorService readers = Executors.newFixedThreadPool(clients);
        try (TestClient client = TestClient.connect(ApplicationOnServerIT.ws(leaving, "/probe/bye"))) {
            assertTrue(client.awaitText().startsWith("room=bye"));
            for (int i = 0; i < clients; i++) {
                RawClient one = RawClient.connect(leaving.getPort(), leaving.getPath() + "probe/many" + i);
                assertTrue(one.readText().startsWith("room=many"));
                raw.add(one);
            }
            List<Future<long[]>> closes = new ArrayList<>();
            for (RawClient one : raw) {
                closes.add(readers.submit(() -> new long[] {one.readCloseCodeSkippingPings(), System.nanoTime()}));
            }
            long started = System.nanoTime();
            deployer.undeploy("leaving");
            TestClient.Closed closed = client.awaitClose();
            assertEquals(1001, closed.code(), "close code; reason \"" + closed.reason() + "\"");
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (Future<long[]> close : closes) {
                long[] codeAndTime = close.get(60, TimeUnit.SECONDS);
                assertEquals(1001, codeAndTime[0]);
                first = Math.min(first, codeAndTime[1]);
                last = Math.max(last, codeAndTime[1]);
            }
            long spreadMs = TimeUnit.NANOSECONDS.toMillis(last - first);
            assertTrue(spreadMs >= 800, "the closes arrived within " + spreadMs + " ms of each other, not over 1.2 s");
            assertTrue(
                    TimeUnit.NANOSECONDS.toMillis(first - started) < 5_000,
                    "the first close is sent as undeployment starts, not after the window");
        } finally {
            readers.shutdownNow();
            for (RawClient one : raw) {
                one.close();
            }
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
