package io.wschannels.tyrus.netty;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.wschannels.cdi.BeforeUpgrade;
import io.wschannels.cdi.ChannelDeployment;
import io.wschannels.cdi.container.EndpointRoutes;
import io.wschannels.cdi.container.UpgradeRequest;
import io.wschannels.cdi.handshake.Gate;
import io.wschannels.tyrus.ops.Operations;
import jakarta.websocket.Endpoint;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every HTTP request before a connection is upgraded: a WebSocket handshake for a channel's route
 * goes through the endpoint's configurator, whose handshake gate decides it once (a refusal before
 * the upgrade is answered with 401 or 403, as on Tyrus), then becomes a {@link NettySession}; other
 * requests go to the static files. One instance serves every connection.
 */
@ChannelHandler.Sharable
final class Upgrades extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = Logger.getLogger(Upgrades.class.getName());

    /** What a Jakarta endpoint gets when it sets no message limit of its own (as Tyrus' default). */
    private static final int DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024;

    private final EndpointRoutes routes;
    private final Map<ServerEndpointConfig, WebSocketServerHandshakerFactory> handshakers = new IdentityHashMap<>();
    private final ClasspathFiles files;
    private final Operations operations;
    private final boolean secure;

    Upgrades(List<ServerEndpointConfig> endpoints, ClasspathFiles files, Operations operations, boolean secure) {
        this.routes = new EndpointRoutes(endpoints);
        this.files = files;
        this.operations = operations;
        this.secure = secure;
        for (ServerEndpointConfig config : endpoints) {
            WebSocketDecoderConfig frames = WebSocketDecoderConfig.newBuilder()
                    .maxFramePayloadLength(maxMessageBytes(config))
                    .allowExtensions(false)
                    .closeOnProtocolViolation(false)
                    .withUTF8Validator(false)
                    .build();
            String subprotocols =
                    config.getSubprotocols().isEmpty() ? null : String.join(",", config.getSubprotocols());
            handshakers.put(config, new WebSocketServerHandshakerFactory(config.getPath(), subprotocols, frames));
        }
    }

    private static int maxMessageBytes(ServerEndpointConfig config) {
        return config.getUserProperties().get(ChannelDeployment.MAX_MESSAGE_BYTES) instanceof Integer most
                ? most
                : DEFAULT_MAX_MESSAGE_BYTES;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext context, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            answer(context, request, HttpResponseStatus.BAD_REQUEST, "Malformed request", null);
            return;
        }
        QueryStringDecoder target = new QueryStringDecoder(request.uri());
        if (!isUpgrade(request)) {
            boolean read =
                    request.method().equals(HttpMethod.GET) || request.method().equals(HttpMethod.HEAD);
            Operations.Answer answer = read
                    ? operations.answer(target.path(), request.headers().get(HttpHeaderNames.AUTHORIZATION))
                    : null;
            if (answer != null) {
                answer(context, request, answer);
            } else {
                files.serve(context, request, target.path());
            }
            return;
        }
        EndpointRoutes.Match match = routes.find(target.rawPath());
        if (match == null) {
            answer(
                    context,
                    request,
                    HttpResponseStatus.NOT_FOUND,
                    "No WebSocket endpoint listens on " + target.rawPath(),
                    null);
            return;
        }
        upgrade(context, request, match);
    }

    private static UpgradeRequest handshakeRequest(FullHttpRequest request) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        request.headers()
                .forEach(header -> headers.computeIfAbsent(header.getKey(), name -> new ArrayList<>(1))
                        .add(header.getValue()));
        URI uri = URI.create(request.uri());
        return new UpgradeRequest(uri, headers, NettySession.parameters(request.uri()), null);
    }

    private static boolean isUpgrade(FullHttpRequest request) {
        return request.method().equals(HttpMethod.GET)
                && request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    private void upgrade(ChannelHandlerContext context, FullHttpRequest request, EndpointRoutes.Match match) {
        ServerEndpointConfig endpoint = match.config();
        UpgradeRequest handshake;
        try {
            handshake = handshakeRequest(request);
        } catch (IllegalArgumentException malformed) {
            answer(context, request, HttpResponseStatus.BAD_REQUEST, "Malformed request target", null);
            return;
        }
        ServerEndpointConfig.Configurator configurator = endpoint.getConfigurator();
        if (!configurator.checkOrigin(request.headers().get(HttpHeaderNames.ORIGIN))) {
            answer(context, request, HttpResponseStatus.FORBIDDEN, "Origin not allowed", null);
            return;
        }
        WebSocketServerHandshaker handshaker = handshakers.get(endpoint).newHandshaker(request);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(context.channel());
            return;
        }
        // Jakarta WebSocket 2.1: the user properties are copied per connection and become the session's.
        Map<String, Object> properties = new HashMap<>(endpoint.getUserProperties());
        ServerEndpointConfig connection = new ConnectionConfig(endpoint, properties);
        Map<String, List<String>> responseHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        HandshakeResponse response = () -> responseHeaders;
        Endpoint instance;
        try {
            configurator.modifyHandshake(connection, handshake, response);
            // The gate decided in modifyHandshake; a refusal for a client that is not a browser is an
            // HTTP answer, before the upgrade (as on Tyrus, where a filter in front asks the gate).
            Gate.Refusal refusal = BeforeUpgrade.decided(endpoint, properties);
            if (refusal != null) {
                refuse(context, request, refusal);
                return;
            }
            Object made = configurator.getEndpointInstance(endpoint.getEndpointClass());
            if (!(made instanceof Endpoint programmatic)) {
                throw new IllegalStateException(endpoint.getEndpointClass().getName()
                        + " is not a jakarta.websocket.Endpoint: the Netty container serves channels only");
            }
            instance = programmatic;
        } catch (InstantiationException | RuntimeException e) {
            LOG.log(Level.WARNING, "The handshake to " + request.uri() + " failed in its configurator", e);
            answer(context, request, HttpResponseStatus.INTERNAL_SERVER_ERROR, "The handshake failed", null);
            return;
        }
        HttpHeaders extra = new DefaultHttpHeaders();
        responseHeaders.forEach(extra::add);
        // Nothing is read until the endpoint has opened: its first frame must find it listening.
        context.channel().config().setAutoRead(false);
        String uri = request.uri();
        int most = maxMessageBytes(endpoint);
        handshaker
                .handshake(context.channel(), request, extra, context.newPromise())
                .addListener((ChannelFutureListener) done -> {
                    if (!done.isSuccess()) {
                        LOG.log(Level.FINE, "Handshake to " + uri + " failed", done.cause());
                        done.channel().close();
                        return;
                    }
                    NettySession session = new NettySession(
                            done.channel(),
                            instance,
                            uri,
                            properties,
                            match.pathParameters(),
                            handshaker.selectedSubprotocol(),
                            secure,
                            most);
                    done.channel().pipeline().replace(this, "session", new SessionFrames(session, most));
                    try {
                        session.opened(connection);
                    } finally {
                        done.channel().config().setAutoRead(true);
                    }
                });
    }

    private static void refuse(ChannelHandlerContext context, FullHttpRequest request, Gate.Refusal refusal) {
        DefaultHttpHeaders headers = new DefaultHttpHeaders();
        if (refusal.wwwAuthenticate() != null) {
            headers.set(HttpHeaderNames.WWW_AUTHENTICATE, refusal.wwwAuthenticate());
        }
        answer(context, request, HttpResponseStatus.valueOf(refusal.status()), refusal.body(), headers);
    }

    /** An operations endpoint's answer; the connection stays open for the next scrape. */
    private static void answer(ChannelHandlerContext context, FullHttpRequest request, Operations.Answer answer) {
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.status()),
                Unpooled.wrappedBuffer(answer.body()));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, answer.contentType())
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        if (answer.challenge() != null) {
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, answer.challenge());
        }
        HttpUtil.setContentLength(response, answer.body().length);
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        if (request.method().equals(HttpMethod.HEAD)) {
            response.content().clear();
        }
        ChannelFuture written = context.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** A short plain answer that ends the connection. */
    static void answer(
            ChannelHandlerContext context,
            FullHttpRequest request,
            HttpResponseStatus status,
            String body,
            HttpHeaders headers) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        if (headers != null) {
            response.headers().set(headers);
        }
        boolean json = body.startsWith("{");
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, json ? "application/json;charset=UTF-8" : "text/plain;charset=UTF-8")
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        HttpUtil.setContentLength(response, bytes.length);
        context.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable error) {
        LOG.log(Level.FINE, "HTTP connection " + context.channel() + " failed", error);
        context.close();
    }
}
