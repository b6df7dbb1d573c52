package io.wschannels.cdi.runtime;

import io.wschannels.Channel;
import io.wschannels.cdi.FakePeer;
import io.wschannels.cdi.ManualScheduler;
import io.wschannels.cdi.TestChannels;
import io.wschannels.cdi.broadcast.Broadcasts;
import io.wschannels.cdi.broadcast.ChannelPresence;
import io.wschannels.cdi.broadcast.ChannelRegistry;
import io.wschannels.cdi.broadcast.PresenceStores;
import io.wschannels.cdi.connection.LiveConnection;
import io.wschannels.cdi.container.UpgradeRequest;
import io.wschannels.cdi.discovery.ChannelDefinition;
import io.wschannels.cdi.handshake.Gate;
import io.wschannels.cdi.handshake.Handshake;
import io.wschannels.cdi.json.JsonCodec;
import io.wschannels.cdi.tracing.Tracing;
import java.net.URI;
import java.util.Map;

/**
 * One channel's real runtime, without a container: sessions are {@link FakePeer}s, time and the
 * runtime's threads are a {@link ManualScheduler}, instances are made by the test with {@code new}.
 */
final class RuntimeFixture {

    final ManualScheduler scheduler = new ManualScheduler();
    final JsonCodec json = new JsonCodec();
    final Broadcasts broadcasts = new Broadcasts(json);
    final Shutdown shutdown = new Shutdown();
    final ChannelDefinition definition;
    final ChannelRegistry<?> registry;
    final ChannelPresence<?> presence;
    final ChannelRuntime runtime;

    RuntimeFixture(Class<? extends Channel> channel) {
        this(channel, MessageValidation.NONE);
    }

    RuntimeFixture(Class<? extends Channel> channel, MessageValidation validation) {
        definition = TestChannels.definition(channel);
        registry = new ChannelRegistry<>(definition, broadcasts);
        presence = new ChannelPresence<>(registry, new PresenceStores("test"));
        runtime = new ChannelRuntime(
                definition,
                registry,
                presence,
                ChannelInstances.handedOver(channel),
                new ChannelRuntime.Shared(
                        json, validation, new Threads(scheduler, scheduler.clock()), shutdown, Tracing.NONE));
    }

    /** A client connects, admitted by the gate, as the container would open it. */
    Callbacks open(FakePeer peer, Channel instance) {
        return open(peer, instance, Gate.Verdict.OPEN);
    }

    Callbacks open(FakePeer peer, Channel instance, Gate.Verdict verdict) {
        Handshake handshake = verdict == Gate.Verdict.OPEN ? Handshake.NONE : handshakeWith(verdict);
        Callbacks callbacks = runtime.open(peer.session, handshake, instance);
        callbacks.openCallbackReturned();
        return callbacks;
    }

    private static Handshake handshakeWith(Gate.Verdict verdict) {
        return Handshake.of(new UpgradeRequest(URI.create("/"), Map.of(), Map.of(), null), verdict);
    }

    /** A connection of this channel that is not opened by the runtime, for the parts that take one. */
    LiveConnection connection(FakePeer peer) {
        return new LiveConnection(
                "c1",
                definition,
                peer.session,
                Handshake.NONE,
                json,
                left -> registry.forget(left),
                registry.metrics());
    }
}
