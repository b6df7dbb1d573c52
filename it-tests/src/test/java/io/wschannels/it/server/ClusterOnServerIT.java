package io.wschannels.it.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.cdi.health.ReadinessReport;
import io.wschannels.examples.chat.ChatChannel;
import io.wschannels.redis.RedisTransport;
import io.wschannels.testing.HealthProbe;
import io.wschannels.testing.RedisServer;
import io.wschannels.testing.TestClient;
import io.wschannels.tyrus.ChannelServer;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two nodes of one application sharing a real Redis: the application server under test and a
 * standalone server in this JVM. An EJB on the application server reaches a client of the other
 * node; clients of both share a chat room and its counts.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterOnServerIT {

    private static RedisServer redis;
    private static ChannelServer otherNode;

    @Deployment(name = "cluster", testable = false)
    static WebArchive cluster() throws Exception {
        redis = RedisServer.start(); // before the WAR, which carries its URL
        return Wars.clustered(redis.url());
    }

    @ArquillianResource
    URL app;

    @AfterAll
    static void stop() throws Exception {
        if (otherNode != null) {
            otherNode.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private static ChannelServer otherNode() throws Exception {
        if (otherNode == null) {
            System.setProperty(RedisTransport.URL, redis.url());
            try {
                otherNode = ChannelServer.builder()
                        .port(0)
                        .beanClasses(ChatChannel.class, RedisTransport.class)
                        .start();
            } finally {
                System.clearProperty(RedisTransport.URL);
            }
        }
        return otherNode;
    }

    @Test
    void anEjbOnTheServerReachesAClientOfTheOtherNodeAndTheRoomSpansBoth() throws Exception {
        ChannelServer other = otherNode();
        try (TestClient here = TestClient.connect(ApplicationOnServerIT.ws(app, "/chat/span?name=ann"))) {
            assertEquals(1, here.awaitJson("system").getInt("count"));
            awaitOnTheOtherNode(here);
            try (TestClient there = TestClient.connect(other.webSocketUri("/chat/span?name=bob"))) {
                assertEquals(2, there.awaitJson("system").getInt("count"), "the count spans both nodes");
                assertEquals(2, here.awaitJson("user_joined").getInt("count"));

                pushFromTheEjb("span", "from the EJB");
                assertEquals("from the EJB", there.awaitJson("announcement").getString("message"));
                assertEquals("from the EJB", here.awaitJson("announcement").getString("message"));

                there.send("{\"type\":\"chat_message\",\"message\":\"hello from the other node\"}");
                assertEquals(
                        "hello from the other node",
                        here.awaitJson("chat_message").getString("message"));
            }
        }
    }

    @Test
    void aBroadcastOfARolledBackTransactionIsNotPublishedToTheOtherNode() throws Exception {
        ChannelServer other = otherNode();
        try (TestClient there = TestClient.connect(other.webSocketUri("/chat/ledger?name=bob"))) {
            there.awaitJson("system");
            assertEquals("dropped", push("ledger", "ejb-rollback", "never happened"));
            pushFromTheEjb("ledger", "committed");
            assertEquals("committed", there.awaitJson("announcement").getString("message"), "the first to arrive");
        }
    }

    /** Last, as it restarts the Redis the other tests share. */
    @Test
    @Order(Integer.MAX_VALUE)
    void aLostRedisMakesTheServerNotReadyUntilItIsBack() throws Exception {
        Assumptions.assumeFalse(
                "glassfish".equals(System.getProperty("arquillian.launch")),
                "GlassFish 8 ships no MicroProfile Health: there is no readiness endpoint to read");
        URI ready = OperationsOnServerIT.readiness(app);
        HealthProbe before = HealthProbe.of(ready);
        assertEquals(200, before.status(), before.body().toString());
        assertEquals(
                "RedisTransport",
                before.check(ReadinessReport.BROADCASTS).getJsonObject("data").getString("transport"));

        redis.stop();
        HealthProbe lost = HealthProbe.await(ready, 503);
        assertTrue(
                lost.reason(ReadinessReport.BROADCASTS).startsWith("Redis at " + redis.url() + " is unreachable"),
                lost.body().toString());
        assertTrue(lost.up(ReadinessReport.CHANNELS), lost.body().toString());

        redis.startAgain();
        HealthProbe.await(ready, 200);
    }

    private void pushFromTheEjb(String room, String text) throws Exception {
        push(room, "ejb", text);
    }

    private String push(String room, String how, String text) throws Exception {
        HttpResponse<String> pushed = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        app.toString().replaceAll("/$", "") + "/api/rooms/" + room + "/" + how))
                                .POST(HttpRequest.BodyPublishers.ofString(text))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, pushed.statusCode(), pushed.body());
        return pushed.body();
    }

    /**
     * Waits until what the client's {@code onConnect} broadcast has been delivered on the other
     * node: a broadcast reaches whoever is in its audience on each node when it arrives there, so a
     * Bob joining there while Ann's {@code user_joined} is still on its way through Redis would be
     * told that Ann joined.
     */
    private void awaitOnTheOtherNode(TestClient client) throws Exception {
        client.send("{\"type\":\"ping\"}");
        client.awaitJson("pong"); // callbacks run one at a time: its onConnect, broadcast included, is done
        try (TestClient watcher = TestClient.connect(otherNode().webSocketUri("/chat/barrier?name=watcher"))) {
            watcher.awaitJson("system");
            watcher.send("{\"type\":\"ping\"}");
            watcher.awaitJson("pong"); // in its room now
            // Published after the client's broadcast on the server's one Redis connection, so delivered after it.
            pushFromTheEjb("barrier", "barrier");
            assertEquals("barrier", watcher.awaitJson("announcement").getString("message"));
        }
    }
}
