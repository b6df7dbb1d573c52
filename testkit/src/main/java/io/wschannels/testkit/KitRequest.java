package io.wschannels.testkit;

import jakarta.websocket.server.HandshakeRequest;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;

/** A test connection's handshake request, as a container would hand it to the channel's configurator. */
record KitRequest(URI uri, Map<String, List<String>> headers, Map<String, List<String>> parameters, Principal user)
        implements HandshakeRequest {

    @Override
    public Map<String, List<String>> getHeaders() {
        return headers;
    }

    @Override
    public Principal getUserPrincipal() {
        return user;
    }

    @Override
    public URI getRequestURI() {
        return uri;
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
        return parameters;
    }

    @Override
    public String getQueryString() {
        return uri.getRawQuery();
    }
}
