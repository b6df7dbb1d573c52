package io.wschannels.tyrus.netty;

import jakarta.websocket.Decoder;
import jakarta.websocket.Encoder;
import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;

/** An endpoint's configuration as one connection sees it: its own copy of the user properties. */
record ConnectionConfig(ServerEndpointConfig endpoint, Map<String, Object> properties) implements ServerEndpointConfig {

    @Override
    public Map<String, Object> getUserProperties() {
        return properties;
    }

    @Override
    public Class<?> getEndpointClass() {
        return endpoint.getEndpointClass();
    }

    @Override
    public String getPath() {
        return endpoint.getPath();
    }

    @Override
    public List<String> getSubprotocols() {
        return endpoint.getSubprotocols();
    }

    @Override
    public List<Extension> getExtensions() {
        return endpoint.getExtensions();
    }

    @Override
    public Configurator getConfigurator() {
        return endpoint.getConfigurator();
    }

    @Override
    public List<Class<? extends Encoder>> getEncoders() {
        return endpoint.getEncoders();
    }

    @Override
    public List<Class<? extends Decoder>> getDecoders() {
        return endpoint.getDecoders();
    }
}
