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
        // WebSocket 2.1: these user properties are a per-connection copy that becomes the session's.
        config.getUserProperties().put(Handshake.KEY, Handshake.of(request));
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) {
        return endpointClass.cast(new ChannelEndpoint(definition, deployment));
    }
}
