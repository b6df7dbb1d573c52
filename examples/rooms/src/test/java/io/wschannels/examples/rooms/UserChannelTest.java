package io.wschannels.examples.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wschannels.Delivery;
import io.wschannels.testing.Eventually;
import io.wschannels.testing.RunningServer;
import io.wschannels.testing.TestClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The manual's UserChannel on the standalone server: a user is every one of their connections. */
class UserChannelTest {

    private static final Duration QUIET = Duration.ofMillis(300);

    @RegisterExtension
    static final RunningServer server = RunningServer.discovering();

    private static TestClient as(String user, int connectionsOfUser) {
        TestClient client = TestClient.connect(server.webSocketUri("/user?user=" + user));
        JsonObject data = client.awaitJson("user_data");
        assertEquals(user, data.getString("user_id"));
        assertEquals(connectionsOfUser, data.getInt("connections"));
        return client;
    }

    @Test
    void aConnectionWithoutAUserIsRejected() {
        try (TestClient nobody = TestClient.connect(server.webSocketUri("/user"))) {
            nobody.awaitClose(1008, "{\"type\":\"error\",\"message\":\"Unauthorized\"}");
        }
    }

    @Test
    void aDirectMessageReachesEveryTabOfThatUserOnly() {
        try (TestClient bobTab1 = as("bob", 1);
                TestClient bobTab2 = as("bob", 2);
                TestClient ann = as("ann", 1);
                TestClient cid = as("cid", 1)) {
            ann.send("{\"type\":\"direct\",\"to\":\"bob\",\"message\":\"psst\"}");
            for (TestClient tab : new TestClient[] {bobTab1, bobTab2}) {
                JsonObject note = tab.awaitJson("message");
                assertEquals("psst", note.getString("message"));
                assertEquals("ann", note.getString("from"));
            }
            ann.assertNoMoreEvents(QUIET);
            cid.assertNoMoreEvents(QUIET);
        }
    }

    @Test
    void aGroupMessageReachesSeveralUsers() {
        try (TestClient ann = as("g-ann", 1);
                TestClient bob = as("g-bob", 1);
                TestClient cid = as("g-cid", 1)) {
            cid.send("{\"type\":\"group\",\"users\":[\"g-ann\",\"g-bob\",\"nobody\"],\"message\":\"team\"}");
            assertEquals("team", ann.awaitJson("message").getString("message"));
            assertEquals("team", bob.awaitJson("message").getString("message"));
            cid.assertNoMoreEvents(QUIET);
        }
    }

    @Test
    void anAnnouncementReachesEveryoneButEveryTabOfTheSender() {
        try (TestClient me1 = as("a-me", 1);
                TestClient me2 = as("a-me", 2);
                TestClient you = as("a-you", 1)) {
            me1.send("{\"type\":\"announce\",\"message\":\"lunch\"}");
            assertEquals("lunch", you.awaitJson("message").getString("message"));
            me1.assertNoMoreEvents(QUIET);
            me2.assertNoMoreEvents(QUIET);
        }
    }

    @Test
    void aBeanThatIsNotAChannelNotifiesEveryTabOfOneUser() throws Exception {
        try (TestClient tab1 = as("n-dan", 1);
                TestClient tab2 = as("n-dan", 2);
                TestClient other = as("n-eve", 1)) {
            Delivery delivery = server.bean(Announcer.class)
                    .toUser("n-dan", "invoice paid")
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            assertEquals(new Delivery(2, 0), delivery);
            assertEquals("invoice paid", tab1.awaitJson("notification").getString("message"));
            assertEquals("invoice paid", tab2.awaitJson("notification").getString("message"));
            other.assertNoMoreEvents(QUIET);
        }
    }

    @Test
    void aUserIsForgottenWithTheirLastConnection() {
        TestClient only = as("gone", 1);
        only.close();
        Eventually.await(
                "user gone is forgotten",
                () -> !server.registry(UserChannel.class).users().contains("gone"),
                () -> server.registry(UserChannel.class).users());
        assertEquals(false, server.registry(UserChannel.class).users().contains("gone"));
        assertEquals(0, server.registry(UserChannel.class).connectionsOf("gone").size());
    }
}
