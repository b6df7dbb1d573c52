package io.wschannels.cdi;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

/** Per channel: keeps the handshake headers and creates one {@link ChannelEndpoint} per connection. */
final class ChannelConfigurator extends ServerEndpointConfig.Configurator {

    private final ChannelDefinition definition;
    private final ChannelDeployment deployment;

    ChannelConfigurator(ChannelDefinition definition, ChannelDeployment deployment) {
        this.definition = definition;
        this.deployment = deployment;
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        // Decided here for every client; a hook in front of the upgrade may have refused it already
        // (then this does not run). The verdict travels with the headers to ChannelEndpoint#onOpen.
        Gate.Verdict verdict = deployment.gate().check(definition, Handshake.gateRequest(request));
        // WebSocket 2.1: these user properties are a per-connection copy that becomes the session's.
        config.getUserProperties().put(Handshake.KEY, Handshake.of(request, verdict));
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) {
        return endpointClass.cast(new ChannelEndpoint(definition, deployment));
    }
}
