package io.wschannels.tyrus.netty;

import io.netty.handler.codec.http.QueryStringDecoder;
import jakarta.websocket.Extension;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;

/**
 * What a {@link NettySession} answers without its connection: the request it was opened with, its
 * settings, and a clear refusal of what the channel runtime never uses (blocking and
 * {@code Future} sends, encoders, partial handlers, idle timeouts, the open-sessions list), which
 * the Tyrus container offers for plain Jakarta endpoints.
 */
abstract class SessionBasics implements Session, RemoteEndpoint.Async {

    /** The path and query the client asked for, as sent. */
    private final String uri;

    private final Map<String, Object> userProperties;
    private final Map<String, String> pathParameters;
    private final String subprotocol;
    private final boolean secure;
    private int maxText;
    private int maxBinary;

    SessionBasics(
            String uri,
            Map<String, Object> userProperties,
            Map<String, String> pathParameters,
            String subprotocol,
            boolean secure,
            int maxMessageBytes) {
        this.uri = uri;
        this.userProperties = userProperties;
        this.pathParameters = pathParameters;
        this.subprotocol = subprotocol;
        this.secure = secure;
        this.maxText = maxMessageBytes;
        this.maxBinary = maxMessageBytes;
    }

    /** A close frame's reason has room for 123 bytes of UTF-8. */
    static String limit(String reason) {
        if (reason == null || reason.length() <= 30 || reason.getBytes(StandardCharsets.UTF_8).length <= 123) {
            return reason == null ? "" : reason;
        }
        String cut = reason;
        while (cut.getBytes(StandardCharsets.UTF_8).length > 123) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut;
    }

    @Override
    public void addMessageHandler(MessageHandler handler) {
        throw unsupported("message handlers without their type");
    }

    @Override
    public <T> void addMessageHandler(Class<T> type, MessageHandler.Partial<T> handler) {
        throw unsupported("partial message handlers");
    }

    @Override
    public RemoteEndpoint.Async getAsyncRemote() {
        return this;
    }

    @Override
    public RemoteEndpoint.Basic getBasicRemote() {
        throw unsupported("blocking sends (getBasicRemote)");
    }

    @Override
    public URI getRequestURI() {
        return URI.create(uri);
    }

    @Override
    public Map<String, List<String>> getRequestParameterMap() {
        return parameters(uri);
    }

    @Override
    public String getQueryString() {
        int query = uri.indexOf('?');
        return query < 0 ? null : uri.substring(query + 1);
    }

    @Override
    public Map<String, String> getPathParameters() {
        return pathParameters;
    }

    @Override
    public Map<String, Object> getUserProperties() {
        return userProperties;
    }

    @Override
    public Principal getUserPrincipal() {
        return null;
    }

    @Override
    public String getNegotiatedSubprotocol() {
        return subprotocol;
    }

    @Override
    public List<Extension> getNegotiatedExtensions() {
        return List.of();
    }

    @Override
    public String getProtocolVersion() {
        return "13";
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public long getMaxIdleTimeout() {
        return 0;
    }

    @Override
    public void setMaxIdleTimeout(long milliseconds) {
        if (milliseconds > 0) {
            throw unsupported("idle timeouts (channels detect dead peers with heartbeats)");
        }
    }

    @Override
    public void setMaxBinaryMessageBufferSize(int length) {
        maxBinary = length;
    }

    @Override
    public int getMaxBinaryMessageBufferSize() {
        return maxBinary;
    }

    @Override
    public void setMaxTextMessageBufferSize(int length) {
        maxText = length;
    }

    @Override
    public int getMaxTextMessageBufferSize() {
        return maxText;
    }

    @Override
    public WebSocketContainer getContainer() {
        return null;
    }

    @Override
    public Set<Session> getOpenSessions() {
        throw unsupported("the list of open sessions (inject the channel's Registry instead)");
    }

    @Override
    public Future<Void> sendText(String text) {
        throw unsupported("sends that return a Future");
    }

    @Override
    public Future<Void> sendBinary(ByteBuffer data) {
        throw unsupported("sends that return a Future");
    }

    @Override
    public Future<Void> sendObject(Object data) {
        throw unsupported("encoders (sendObject)");
    }

    @Override
    public void sendObject(Object data, SendHandler handler) {
        throw unsupported("encoders (sendObject)");
    }

    @Override
    public long getSendTimeout() {
        return 0;
    }

    @Override
    public void setSendTimeout(long timeoutMillis) {
        // Channels bound each connection's queue in bytes instead (Limits.maxQueuedBytes).
    }

    @Override
    public void setBatchingAllowed(boolean allowed) {
        // Frames waiting together already leave in one write.
    }

    @Override
    public boolean getBatchingAllowed() {
        return false;
    }

    @Override
    public void flushBatch() {
        // Nothing is held back.
    }

    static UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException("The standalone server's Netty container serves channels and does not"
                + " offer " + what + "; use the Tyrus container (ChannelServer.Builder.container) for other endpoints");
    }

    /** The query parameters of a request's path and query, decoded. */
    static Map<String, List<String>> parameters(String uri) {
        return new QueryStringDecoder(uri).parameters();
    }
}
