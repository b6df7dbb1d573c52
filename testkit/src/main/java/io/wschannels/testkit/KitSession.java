package io.wschannels.testkit;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The container's side of one test connection: what the runtime calls on a WebSocket session,
 * recorded instead of written to a socket. Writes complete at once, as on a fast network.
 */
final class KitSession implements Session {

    private final String id;
    private final URI requestUri;
    private final Map<String, String> pathParameters;
    private final Map<String, Object> userProperties;
    private final Principal principal;
    private final TestConnection recorder;
    private final Map<Class<?>, MessageHandler.Whole<?>> handlers = new ConcurrentHashMap<>();
    private Endpoint endpoint;
    private volatile boolean open = true;
    private int maxText;
    private int maxBinary;

    KitSession(
            String id,
            URI requestUri,
            Map<String, String> pathParameters,
            Map<String, Object> userProperties,
            Principal principal,
            TestConnection recorder) {
        this.id = id;
        this.requestUri = requestUri;
        this.pathParameters = Map.copyOf(pathParameters);
        this.userProperties = userProperties;
        this.principal = principal;
        this.recorder = recorder;
    }

    /** What the channel sent, for the test to read. */
    void record(TestConnection.Sent sent) {
        recorder.record(sent);
    }

    void attach(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    @SuppressWarnings("unchecked")
    <T> MessageHandler.Whole<T> handler(Class<T> type) {
        return (MessageHandler.Whole<T>) handlers.get(type);
    }

    /** The client went away (a close it sent, or a dropped connection): the container tells the endpoint. */
    void closedByClient(CloseReason reason) {
        if (open) {
            open = false;
            endpoint.onClose(this, reason);
        }
    }

    void error(Throwable error) {
        endpoint.onError(this, error);
    }

    @Override
    public void close(CloseReason reason) {
        if (open) {
            open = false;
            recorder.record(new TestConnection.Closed(
                    reason.getCloseCode().getCode(), reason.getReasonPhrase() == null ? "" : reason.getReasonPhrase()));
            // The client answers the close: the container reports the end to the endpoint.
            endpoint.onClose(this, reason);
        }
    }

    @Override
    public void close() {
        close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, ""));
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public RemoteEndpoint.Async getAsyncRemote() {
        return async;
    }

    private final RemoteEndpoint.Async async = new KitRemote(this);

    @Override
    public RemoteEndpoint.Basic getBasicRemote() {
        throw new UnsupportedOperationException("The channel runtime sends asynchronously only");
    }

    @Override
    public <T> void addMessageHandler(Class<T> type, MessageHandler.Whole<T> handler) {
        if (!open) {
            throw new IllegalStateException("The connection is closed");
        }
        handlers.put(type, handler);
    }

    @Override
    public void addMessageHandler(MessageHandler handler) {
        throw new UnsupportedOperationException("Register handlers with their message type");
    }

    @Override
    public <T> void addMessageHandler(Class<T> type, MessageHandler.Partial<T> handler) {
        throw new UnsupportedOperationException("The channel runtime takes whole messages only");
    }

    @Override
    public Set<MessageHandler> getMessageHandlers() {
        return Set.copyOf(handlers.values());
    }

    @Override
    public void removeMessageHandler(MessageHandler handler) {
        handlers.values().remove(handler);
    }

    @Override
    public WebSocketContainer getContainer() {
        return null;
    }

    @Override
    public String getProtocolVersion() {
        return "13";
    }

    @Override
    public String getNegotiatedSubprotocol() {
        return "";
    }

    @Override
    public List<Extension> getNegotiatedExtensions() {
        return List.of();
    }

    @Override
    public boolean isSecure() {
        return false;
    }

    @Override
    public long getMaxIdleTimeout() {
        return 0;
    }

    @Override
    public void setMaxIdleTimeout(long milliseconds) {}

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
    public String getId() {
        return id;
    }

    @Override
    public URI getRequestURI() {
        return requestUri;
    }

    @Override
    public Map<String, List<String>> getRequestParameterMap() {
        return Map.of();
    }

    @Override
    public String getQueryString() {
        return requestUri.getRawQuery();
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
        return principal;
    }

    @Override
    public Set<Session> getOpenSessions() {
        return Set.of(this);
    }
}
