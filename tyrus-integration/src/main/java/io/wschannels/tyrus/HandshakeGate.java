package io.wschannels.tyrus;

import io.wschannels.cdi.ChannelDeployment;
import io.wschannels.cdi.handshake.Gate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.HttpServerFilter;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.memory.Buffers;

/**
 * The standalone server's counterpart of the servlet filter application servers get: refuses
 * WebSocket upgrade requests to channels with an HTTP status (403 for a foreign origin, 401 for a
 * client without valid credentials) before Tyrus upgrades them. Sits right in front of Tyrus'
 * upgrade filter and looks at each connection's first upgrade request only.
 */
final class HandshakeGate extends BaseFilter {

    private static final Attribute<Boolean> SEEN =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(HandshakeGate.class.getName() + ".seen");

    private final ChannelDeployment deployment;

    HandshakeGate(ChannelDeployment deployment) {
        this.deployment = deployment;
    }

    /**
     * Puts the gate right before the HTTP server filter. Register it before Tyrus' add-on, which
     * inserts its upgrade filter at the same place afterwards, so the gate comes first.
     */
    static AddOn addOn(ChannelDeployment deployment) {
        return new AddOn() {
            @Override
            public void setup(NetworkListener listener, FilterChainBuilder builder) {
                int http = builder.indexOfType(HttpServerFilter.class);
                if (http < 0) {
                    throw new IllegalStateException(
                            "The Grizzly HTTP server filter is missing from the listener's" + " filter chain");
                }
                builder.add(http, new HandshakeGate(deployment));
            }
        };
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        if (!(ctx.getMessage() instanceof HttpContent content)
                || !(content.getHttpHeader() instanceof HttpRequestPacket request)
                || !"websocket".equalsIgnoreCase(request.getUpgrade())
                || SEEN.isSet(ctx.getConnection())) {
            return ctx.getInvokeAction();
        }
        // An upgrade request is the last request of its connection: one look per connection.
        SEEN.set(ctx.getConnection(), Boolean.TRUE);
        Gate.Refusal refusal = deployment
                .beforeUpgrade()
                .refusal(request.getRequestURI(), request.getQueryString(), name -> values(request, name), null);
        if (refusal == null) {
            return ctx.getInvokeAction();
        }
        byte[] body = refusal.body().getBytes(StandardCharsets.UTF_8);
        HttpResponsePacket response = request.getResponse();
        response.setStatus(refusal.status());
        if (refusal.wwwAuthenticate() != null) {
            response.setHeader("WWW-Authenticate", refusal.wwwAuthenticate());
        }
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Connection", "close");
        response.setContentType("application/json;charset=UTF-8");
        response.setContentLength(body.length);
        Buffer buffer = Buffers.wrap(ctx.getMemoryManager(), body);
        HttpContent answer =
                HttpContent.builder(response).content(buffer).last(true).build();
        content.recycle();
        ctx.write(answer, new EmptyCompletionHandler<WriteResult>() {
            @Override
            public void completed(WriteResult result) {
                ctx.getConnection().closeSilently();
            }

            @Override
            public void failed(Throwable error) {
                ctx.getConnection().closeSilently();
            }
        });
        return ctx.getStopAction();
    }

    private static List<String> values(HttpRequestPacket request, String name) {
        List<String> values = new ArrayList<>(1);
        for (String value : request.getHeaders().values(name)) {
            values.add(value);
        }
        return values;
    }
}
