package io.wschannels.cdi.runtime;

import jakarta.websocket.server.HandshakeRequest;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;

/** A handshake request with the given headers and nothing else. */
record FakeHandshakeRequest(Map<String, List<String>> getHeaders) implements HandshakeRequest {

    @Override
    public Principal getUserPrincipal() {
        return null;
    }

    @Override
    public URI getRequestURI() {
        return URI.create("ws://localhost/test");
    }

    @Override
    public boolean isUserInRole(String role) {
        return false;
    }

    @Override
    public Object getHttpSession() {
        return null;
    }

    @Override
    public Map<String, List<String>> getParameterMap() {
        return Map.of();
    }

    @Override
    public String getQueryString() {
        return null;
    }
}
