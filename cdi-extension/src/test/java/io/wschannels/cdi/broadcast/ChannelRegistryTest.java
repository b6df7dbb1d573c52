package io.wschannels.cdi.broadcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.Channel;
import io.wschannels.ChannelException;
import io.wschannels.Delivery;
import io.wschannels.Limits;
import io.wschannels.Route;
import io.wschannels.cdi.FakePeer;
import io.wschannels.cdi.TestChannels;
import io.wschannels.cdi.connection.LiveConnection;
import io.wschannels.cdi.discovery.ChannelDefinition;
import io.wschannels.cdi.handshake.Handshake;
import io.wschannels.cdi.json.JsonCodec;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Rooms, users and audiences of one channel, and the per-user cap, on connections of fake peers. */
class ChannelRegistryTest {

    @Route("/reg")
    @Limits(maxConnectionsPerUser = 2)
    public static class Reg extends Channel {}

    private final JsonCodec json = new JsonCodec();
    private final ChannelDefinition definition = TestChannels.definition(Reg.class);
    private final ChannelRegistry<Reg> registry = new ChannelRegistry<>(definition, new Broadcasts(json));
    private int ids;

    private LiveConnection open(FakePeer peer) {
        LiveConnection connection = new LiveConnection(
                "c" + ++ids, definition, peer.session, Handshake.NONE, json, registry::forget, registry.metrics());
        connection.markOpen();
        registry.opened(connection);
        return connection;
    }

    @Test
    void identifyingOneConnectionMoreThanTheUsersCapThrowsAndChangesNothing() {
        LiveConnection a = open(new FakePeer());
        LiveConnection b = open(new FakePeer());
        FakePeer thirdPeer = new FakePeer();
        LiveConnection c = open(thirdPeer);
        assertTrue(registry.identify(a, "ann"));
        assertTrue(registry.identify(b, "ann"), "just under: the second of two");
        ChannelException over = assertThrows(ChannelException.class, () -> registry.identify(c, "ann"));
        assertEquals("Too many connections for this user: at most 2", over.getMessage());
        assertEquals("too_many_connections", over.code());
        assertEquals(1013, over.closeCode().getCode());
        assertNull(registry.userOf(c));
        assertTrue(c.isOpen(), "the caller decides what happens to it");
        assertTrue(thirdPeer.closes.isEmpty());
        assertEquals(2, registry.connectionsOf("ann").size());
        assertTrue(registry.identify(c, "bob"));
    }

    @Test
    void aClosedConnectionLeavesEverythingAndCannotComeBack() {
        LiveConnection a = open(new FakePeer());
        registry.join("lobby", a);
        registry.identify(a, "ann");
        a.close();
        assertEquals(Set.of(), registry.rooms());
        assertEquals(Set.of(), registry.users());
        assertEquals(Set.of(), registry.connections());
        assertEquals(0, registry.join("lobby", a));
        assertFalse(registry.identify(a, "ann"));
    }

    @Test
    void aBroadcastReachesTheRoomButTheExceptedOnce() throws Exception {
        FakePeer annPeer = new FakePeer().readingAtOnce();
        FakePeer bobPeer = new FakePeer().readingAtOnce();
        LiveConnection ann = open(annPeer);
        LiveConnection bob = open(bobPeer);
        registry.join("lobby", ann);
        registry.join("lobby", bob);
        registry.join("annex", bob);
        Delivery delivery = registry.rooms("lobby", "annex")
                .except(ann)
                .broadcast("hi")
                .toCompletableFuture()
                .get();
        assertEquals(new Delivery(1, 0), delivery);
        assertEquals(List.of("hi"), bobPeer.written, "once, though in both rooms");
        assertEquals(List.of(), annPeer.written);
    }

    @Test
    void aConnectionOfAnotherChannelIsRefusedNamingBothSides() {
        LiveConnection stranger = new LiveConnection(
                "x1",
                TestChannels.definition(Other.class),
                new FakePeer().session,
                Handshake.NONE,
                json,
                left -> {},
                registry.metrics());
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> registry.join("lobby", stranger));
        assertEquals(
                "join(connection x1 of Other (/other)) on Registry<Reg>: the connection does not belong to Reg."
                        + " Use the registry of the connection's own channel.",
                refused.getMessage());
    }

    @Route("/other")
    public static class Other extends Channel {}
}
