package io.wschannels.cdi.container;

import jakarta.websocket.server.HandshakeRequest;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;

/**
 * A handshake request as a container hands it to an endpoint's configurator, for the containers
 * the library is itself (the test kit, the standalone server on Netty).
 *
 * @param uri the request's path and query
 * @param headers its headers, by name in any case
 * @param parameters its query parameters, decoded
 * @param user the user the server authenticated, or {@code null}
 */
public record UpgradeRequest(
        URI uri, Map<String, List<String>> headers, Map<String, List<String>> parameters, Principal user)
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
