package io.wschannels.cdi;

import io.wschannels.cdi.discovery.ChannelDefinition;
import io.wschannels.cdi.handshake.Gate;
import io.wschannels.cdi.handshake.Handshake;
import io.wschannels.cdi.metrics.ChannelMetrics;
import io.wschannels.cdi.runtime.ChannelRuntime;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Per channel: decides each handshake at the gate, keeps its headers, and makes one
 * {@link ChannelEndpoint} per connection.
 */
final class ChannelConfigurator extends ServerEndpointConfig.Configurator {

    private final ChannelRuntime runtime;
    private final Gate gate;

    ChannelConfigurator(ChannelRuntime runtime, Gate gate) {
        this.runtime = runtime;
        this.gate = gate;
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        // Decided here for every client; a hook in front of the upgrade may have refused it already
        // (then this does not run). The verdict travels with the headers to the connection.
        Gate.Verdict verdict = gate.check(runtime.definition(), Handshake.gateRequest(request));
        // WebSocket 2.1: these user properties are a per-connection copy that becomes the session's.
        config.getUserProperties().put(Handshake.KEY, Handshake.of(request, verdict));
    }

    ChannelDefinition definition() {
        return runtime.definition();
    }

    ChannelMetrics metrics() {
        return runtime.metrics();
    }

    ChannelRuntime runtime() {
        return runtime;
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) {
        return endpointClass.cast(new ChannelEndpoint(runtime));
    }
}
