package io.wschannels.cdi.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.AccessDeniedException;
import io.wschannels.Channel;
import io.wschannels.Limits;
import io.wschannels.Registry;
import io.wschannels.Route;
import io.wschannels.cdi.FakePeer;
import io.wschannels.cdi.handshake.Gate;
import jakarta.websocket.CloseReason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A connection's life on the real runtime, without a container: open, refuse, message, end. */
class CallbacksTest {

    /** Does what the test sets, and records its callbacks. */
    @Route("/life")
    @Limits(maxConnections = 2)
    public static class Life extends Channel {
        final List<String> events = new ArrayList<>();
        RuntimeException onConnectThrows;
        Registry<?> registry;

        @Override
        public void onConnect() {
            events.add("connect");
            send("hello");
            if (onConnectThrows != null) {
                throw onConnectThrows;
            }
            registry.join("lobby", connection());
        }

        @Override
        public void onMessage(String message) {
            events.add("message " + message);
        }

        @Override
        public void onClose(CloseReason.CloseCode code, String reason) {
            events.add("close " + code.getCode() + " " + reason + ", lobby has " + registry.count("lobby"));
        }
    }

    private final RuntimeFixture fixture = new RuntimeFixture(Life.class);

    private Life channel() {
        Life life = new Life();
        life.registry = fixture.registry;
        return life;
    }

    private static CloseReason closed(FakePeer peer) {
        assertEquals(1, peer.closes.size(), "one close: " + peer.closes);
        return peer.closes.get(0);
    }

    @Test
    void anAdmittedClientIsConnectedAndOneOfTheChannelsConnections() {
        FakePeer peer = new FakePeer().readingAtOnce();
        Life life = channel();
        Callbacks callbacks = fixture.open(peer, life);
        assertTrue(callbacks.isConnected());
        assertEquals(List.of("connect"), life.events);
        assertEquals(List.of("hello"), peer.written);
        assertEquals(1, fixture.registry.connections().size());
        assertEquals(1, fixture.registry.count("lobby"));
        callbacks.text("hi");
        assertEquals(List.of("connect", "message hi"), life.events);
    }

    @Test
    void aChannelExceptionFromOnConnectRefusesAfterWhatWasSentAndNoCloseCallbackRuns() {
        FakePeer peer = new FakePeer().readingAtOnce();
        Life life = channel();
        life.onConnectThrows = new AccessDeniedException();
        Callbacks callbacks = fixture.open(peer, life);
        assertFalse(callbacks.isConnected());
        assertEquals(List.of(), peer.closes, "a close during the open callback waits for the container");
        fixture.scheduler.advance(ChannelRuntime.CLOSE_AFTER_OPEN_MILLIS, TimeUnit.MILLISECONDS);
        CloseReason refusal = closed(peer);
        assertEquals(4403, refusal.getCloseCode().getCode());
        assertEquals(
                "{\"type\":\"error\",\"message\":\"Access denied\",\"code\":\"access_denied\"}",
                refusal.getReasonPhrase());
        assertEquals(List.of("hello"), peer.written, "sent before the refusal, so it arrives first");
        callbacks.text("too late");
        callbacks.end(refusal);
        assertEquals(List.of("connect"), life.events, "no message, no close callback");
        assertEquals(0, fixture.registry.connections().size());
        assertEquals(0, fixture.runtime.connections().size());
    }

    @Test
    void anyOtherExceptionFromOnConnectClosesWith1011WithoutItsText() {
        FakePeer peer = new FakePeer().readingAtOnce();
        Life life = channel();
        life.onConnectThrows = new IllegalStateException("secret");
        fixture.open(peer, life);
        fixture.scheduler.advance(1, TimeUnit.SECONDS);
        CloseReason close = closed(peer);
        assertEquals(1011, close.getCloseCode().getCode());
        assertEquals("Internal server error", close.getReasonPhrase());
    }

    @Test
    void aClientArrivingWhileTheApplicationStopsIsClosedWith1001AndNoChannelRuns() {
        fixture.shutdown.begin("Server shutting down");
        FakePeer peer = new FakePeer().readingAtOnce();
        Life life = channel();
        fixture.open(peer, life);
        fixture.scheduler.advance(1, TimeUnit.SECONDS);
        assertEquals(
                new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "Server shutting down").toString(),
                closed(peer).toString());
        assertEquals(List.of(), life.events);
    }

    @Test
    void aClientTheGateRefusedIsClosedWithTheVerdictAndNotCounted() {
        Gate.Verdict refused = new Gate.Verdict(
                null,
                401,
                CloseReason.CloseCodes.getCloseCode(4401),
                "Invalid token",
                "unauthorized",
                false,
                "its token was refused");
        for (int i = 0; i < 3; i++) { // more than maxConnections: refused clients take no place
            FakePeer peer = new FakePeer().readingAtOnce();
            Life life = channel();
            fixture.open(peer, life, refused);
            fixture.scheduler.advance(1, TimeUnit.SECONDS);
            assertEquals(4401, closed(peer).getCloseCode().getCode());
            assertEquals(List.of(), life.events);
        }
        fixture.open(new FakePeer().readingAtOnce(), channel());
        fixture.open(new FakePeer().readingAtOnce(), channel());
        assertEquals(2, fixture.registry.connections().size());
    }

    @Test
    void aFullChannelRefusesWith1013UntilAPlaceIsFree() {
        Callbacks first = fixture.open(new FakePeer().readingAtOnce(), channel());
        fixture.open(new FakePeer().readingAtOnce(), channel());
        FakePeer third = new FakePeer().readingAtOnce();
        Life refused = channel();
        fixture.open(third, refused);
        fixture.scheduler.advance(1, TimeUnit.SECONDS);
        assertEquals(
                new CloseReason(
                                CloseReason.CloseCodes.TRY_AGAIN_LATER,
                                "Too many connections: this channel serves at most 2")
                        .toString(),
                closed(third).toString());
        assertEquals(List.of(), refused.events);
        first.end(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, ""));
        Callbacks fourth = fixture.open(new FakePeer().readingAtOnce(), channel());
        assertTrue(fourth.isConnected());
    }

    @Test
    void theCloseCallbackRunsOnceAfterTheConnectionLeftItsRoomsWithTheCloseThisSideSent() {
        FakePeer peer = new FakePeer().readingAtOnce();
        Life life = channel();
        Callbacks callbacks = fixture.open(peer, life);
        callbacks.connection().close(CloseReason.CloseCodes.getCloseCode(4000), "bye");
        assertEquals(0, fixture.registry.count("lobby"), "left at once, before the close handshake");
        // The peer echoes the close without a reason; the channel hears what this side sent.
        callbacks.end(new CloseReason(CloseReason.CloseCodes.getCloseCode(4000), ""));
        callbacks.end(new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY, ""));
        assertEquals(List.of("connect", "close 4000 bye, lobby has 0"), life.events);
        assertFalse(callbacks.isConnected());
        assertEquals(0, fixture.runtime.connections().size());
    }

    @Test
    void aPeerThatVanishesIsEndedWith1006AndLeavesEverything() {
        FakePeer peer = new FakePeer().readingAtOnce();
        Life life = channel();
        Callbacks callbacks = fixture.open(peer, life);
        callbacks.end(new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY, "Closed abnormally."));
        assertEquals(List.of("connect", "close 1006 Closed abnormally., lobby has 0"), life.events);
        assertEquals(0, fixture.registry.connections().size());
        assertTrue(fixture.registry.rooms().isEmpty());
    }
}
