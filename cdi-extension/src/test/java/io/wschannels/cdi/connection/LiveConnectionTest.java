package io.wschannels.cdi.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.Channel;
import io.wschannels.Route;
import io.wschannels.cdi.FakePeer;
import io.wschannels.cdi.TestChannels;
import io.wschannels.cdi.handshake.Handshake;
import io.wschannels.cdi.json.JsonCodec;
import io.wschannels.cdi.metrics.ChannelMetrics;
import jakarta.websocket.CloseReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** The connection's state, its one departure, and what it does with what it is asked to send. */
class LiveConnectionTest {

    @Route("/live/{room}")
    public static class Live extends Channel {}

    private final FakePeer peer = new FakePeer(Map.of("room", "lobby"), "q=1&q=2&name=ann").readingAtOnce();
    private final List<String> departures = new ArrayList<>();
    private final LiveConnection connection = new LiveConnection(
            "c1",
            TestChannels.definition(Live.class),
            peer.session,
            Handshake.NONE,
            new JsonCodec(),
            left -> departures.add(left.id()),
            new ChannelMetrics());

    @Test
    void readsWhatTheClientAskedFor() {
        assertEquals("lobby", connection.pathParam("room"));
        assertEquals("lobby", connection.param("room"));
        assertEquals("1", connection.queryParam("q"));
        assertEquals(List.of("1", "2"), connection.queryParams().get("q"));
        assertEquals("ann", connection.param("name"));
        assertEquals("/live/{room}", connection.route());
        assertEquals("connection c1 of Live (/live/{room})", connection.toString());
    }

    @Test
    void itDepartsOnceHoweverItEnds() {
        connection.markOpen();
        connection.close();
        connection.close(CloseReason.CloseCodes.GOING_AWAY, "again");
        connection.ended();
        assertEquals(List.of("c1"), departures);
        assertEquals(1, peer.closes.size(), "a second close changes nothing");
        assertEquals(
                CloseReason.CloseCodes.NORMAL_CLOSURE, connection.sentClose().getCloseCode());
    }

    @Test
    void aRefusalWhileConnectingDepartsAndIsTheCloseItSent() {
        connection.refuse(CloseReason.CloseCodes.VIOLATED_POLICY, "{\"type\":\"error\",\"message\":\"No\"}");
        assertFalse(connection.isOpen());
        assertFalse(connection.markOpen(), "a refused connection never opens");
        assertEquals(List.of("c1"), departures);
        assertEquals(
                "{\"type\":\"error\",\"message\":\"No\"}", peer.closes.get(0).getReasonPhrase());
    }

    @Test
    void aRefusalAfterTheChannelClosedLeavesThatClose() {
        connection.close(CloseReason.CloseCodes.getCloseCode(4000), "mine");
        connection.refuse(CloseReason.CloseCodes.VIOLATED_POLICY, "{}");
        assertEquals(4000, connection.sentClose().getCloseCode().getCode());
        assertEquals(1, peer.closes.size());
    }

    @Test
    void messagesAreAcceptedOnlyWhileOpen() {
        assertFalse(connection.acceptsMessages(), "connecting");
        assertTrue(connection.markOpen());
        assertTrue(connection.acceptsMessages());
        connection.close();
        assertFalse(connection.acceptsMessages());
    }

    @Test
    void aValueThatCannotBeSerializedFailsTheSendNamingTheValueAndTheConnection() {
        Object unserializable = new Object() {
            public Object getSelf() {
                throw new IllegalStateException("no JSON for me");
            }
        };
        CompletableFuture<Void> sent = connection.sendJson(unserializable).toCompletableFuture();
        ExecutionException failure = assertThrows(ExecutionException.class, sent::get);
        assertTrue(
                failure.getCause()
                        .getMessage()
                        .startsWith("Could not serialize a "
                                + unserializable.getClass().getName()
                                + " to JSON for connection c1 of Live (/live/{room}): "),
                failure.getCause().getMessage());
        assertEquals(List.of(), peer.written, "nothing was sent");
    }
}
