package io.wschannels.it.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.it.app.OrdersChannel;
import io.wschannels.testing.TestClient;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Broadcasts bound to the server's JTA transactions (a container-managed EJB, a {@code @Transactional}
 * bean, a {@code UserTransaction}), against a table in the server's default data source: a committed
 * broadcast reaches the room after the commit, a rolled-back one reaches nobody and its delivery says
 * so. Each test's client is told of a later committed order as well, so that "nothing came" is seen,
 * not only waited for.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TransactionsOnServerIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String DROPPED = "dropped: A broadcast to rooms [%s] of " + OrdersChannel.class.getName()
            + " was dropped: the transaction it was made in rolled back.";

    @Deployment(name = "orders", testable = false)
    static WebArchive orders() {
        return Wars.orders();
    }

    @ArquillianResource
    URL app;

    private URI uri(String path) {
        return URI.create(app.toString().replaceAll("/$", "") + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String post(String path) throws Exception {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(uri("/api/orders/" + path)).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private int read(String order) throws Exception {
        return send(HttpRequest.newBuilder(uri("/api/orders/" + order))).statusCode();
    }

    private TestClient join(String room) {
        TestClient client = TestClient.connect(ApplicationOnServerIT.ws(app, "/orders/" + room));
        assertEquals("joined", client.awaitText());
        return client;
    }

    /** A committed order afterwards: the next thing the client sees must be it. */
    private void nextIsCommitted(TestClient client, String room, String order) throws Exception {
        assertEquals("delivered 1", post(room + "/" + order + "/pay?hold=0"));
        assertEquals(order, client.awaitJson("order_paid").getString("id"), "the first order_paid after");
    }

    @Test
    void aCommittedBroadcastArrivesAfterTheCommitSoTheClientFindsTheRow() throws Exception {
        try (TestClient client = join("t1")) {
            // The EJB keeps its transaction open for a while after broadcasting.
            CompletableFuture<HttpResponse<String>> paying = HTTP.sendAsync(
                    HttpRequest.newBuilder(uri("/api/orders/t1/o1/pay?hold=700"))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("o1", client.awaitJson("order_paid").getString("id"));
            assertEquals(200, read("o1"), "the client, told the order is paid, reads it at once");
            assertEquals("delivered 1", paying.get(10, TimeUnit.SECONDS).body());
        }
    }

    @Test
    void aBroadcastOfAnEjbMarkedForRollbackReachesNobodyAndItsDeliverySaysDropped() throws Exception {
        try (TestClient client = join("t2")) {
            String outcome = post("t2/o2/rollback");
            assertTrue(outcome.startsWith(DROPPED.formatted("t2")), outcome);
            assertEquals(404, read("o2"));
            nextIsCommitted(client, "t2", "o2-after");
        }
    }

    @Test
    void aBroadcastOfAnEjbThatFailsReachesNobody() throws Exception {
        try (TestClient client = join("t3")) {
            String outcome = post("t3/o3/fail");
            assertTrue(outcome.startsWith("failed: ") && outcome.contains("card declined for order o3"), outcome);
            assertEquals(404, read("o3"));
            nextIsCommitted(client, "t3", "o3-after");
        }
    }

    @Test
    void aBroadcastOfATransactionalBeanThatFailsReachesNobody() throws Exception {
        try (TestClient client = join("t4")) {
            assertEquals("failed: card declined for order o4", post("t4/o4/transactional-fail"));
            assertEquals(404, read("o4"));
            nextIsCommitted(client, "t4", "o4-after");
        }
    }

    @Test
    void aUserTransactionDecidesToo() throws Exception {
        try (TestClient client = join("t5")) {
            String outcome = post("t5/o5/user-transaction?commit=false");
            assertTrue(outcome.startsWith(DROPPED.formatted("t5")), outcome);
            assertEquals("delivered 1", post("t5/o6/user-transaction?commit=true"));
            assertEquals("o6", client.awaitJson("order_paid").getString("id"));
            assertEquals(200, read("o6"));
        }
    }

    @Test
    void twoBroadcastsOfOneTransactionKeepTheirOrder() throws Exception {
        try (TestClient client = join("t6")) {
            assertEquals("delivered 1", post("t6/o7/twice"));
            assertEquals("first o7", client.awaitText());
            assertEquals("second o7", client.awaitText());
        }
    }

    @Test
    void immediatelyLeavesAtOnceThoughTheTransactionRollsBack() throws Exception {
        try (TestClient client = join("t7")) {
            assertEquals("delivered 1", post("t7/o8/saving"));
            assertEquals("saving o8", client.awaitText());
            nextIsCommitted(client, "t7", "o8-after");
        }
    }

    @Test
    void waitingForTheDeliveryInsideTheTransactionIsRefusedAtOnceWithWhatToDo() throws Exception {
        try (TestClient client = join("t8")) {
            String outcome = post("t8/o9/wait-inside");
            assertTrue(
                    outcome.startsWith("Waiting for the delivery of a broadcast to rooms [t8] of "
                            + OrdersChannel.class.getName() + " inside the transaction it was made in"),
                    outcome);
            assertEquals("o9", client.awaitJson("order_paid").getString("id"), "the transaction still commits");
        }
    }
}
