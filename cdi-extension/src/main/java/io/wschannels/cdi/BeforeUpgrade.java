package io.wschannels.cdi;

import io.wschannels.cdi.discovery.ChannelDefinition;
import io.wschannels.cdi.discovery.RouteTemplate;
import io.wschannels.cdi.handshake.Gate;
import io.wschannels.cdi.handshake.Handshake;
import io.wschannels.cdi.runtime.ChannelRuntime;
import io.wschannels.cdi.runtime.Shutdown;
import jakarta.websocket.server.ServerEndpointConfig;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What is decided about a request for a channel's path in front of the WebSocket container, before
 * it upgrades: the handshake gate's HTTP refusals, and the channel's message limit. For the hooks the
 * containers offer there: a servlet filter ({@link HandshakeFilter}), the standalone server's Grizzly
 * filter and Tyrus engine, the Netty container's handshake. One per {@link ChannelDeployment}, made
 * again when its channels start. Not for applications.
 */
public final class BeforeUpgrade {

    private final List<ChannelDefinition> definitions;
    private final Shutdown shutdown;
    /** {@code null} until the channels start: nothing is refused before. */
    private final Gate gate;

    private final List<ChannelRuntime> runtimes;

    private BeforeUpgrade(
            List<ChannelDefinition> definitions, Shutdown shutdown, Gate gate, List<ChannelRuntime> runtimes) {
        this.definitions = definitions;
        this.shutdown = shutdown;
        this.gate = gate;
        this.runtimes = runtimes;
    }

    /** Before the channels start: limits known, nothing refused. */
    static BeforeUpgrade starting(List<ChannelDefinition> definitions, Shutdown shutdown) {
        return new BeforeUpgrade(definitions, shutdown, null, List.of());
    }

    /** Once the channels have started with this gate. */
    BeforeUpgrade started(Gate started, List<ChannelRuntime> built) {
        return new BeforeUpgrade(definitions, shutdown, started, built);
    }

    /**
     * Whether an upgrade request should be refused before the upgrade. What it lets through is
     * decided again in the handshake.
     *
     * @param path the request path within the application, without query
     * @param query the raw query string, or {@code null}
     * @param header the values of a request header, by name in any case; empty when absent
     * @param containerUser the user the server authenticated, or {@code null}
     * @return what to answer instead of upgrading (the refusal has been logged), or {@code null}
     */
    public Gate.Refusal refusal(
            String path, String query, Function<String, List<String>> header, Principal containerUser) {
        ChannelDefinition definition = gate == null || shutdown.reason() != null ? null : match(path);
        if (definition == null) {
            return null;
        }
        Gate.Refusal refusal = gate.beforeUpgrade(definition, Handshake.gateRequest(header, query, containerUser));
        if (refusal != null) {
            for (ChannelRuntime runtime : runtimes) {
                if (runtime.definition() == definition) {
                    runtime.metrics().refused(refusal.reason(), refusal.why(), null);
                    runtime.refusedBeforeUpgrade(
                            name -> {
                                List<String> values = header.apply(name);
                                return values == null || values.isEmpty() ? null : values.get(0);
                            },
                            refusal.reason());
                }
            }
        }
        return refusal;
    }

    /**
     * For a container that runs the endpoint's configurator before it answers the handshake (the
     * standalone server on Netty): the HTTP answer the gate decided in {@code modifyHandshake}, so
     * that a handshake is decided once, not in front of the upgrade and again in it.
     *
     * @param endpoint the endpoint asked for
     * @param connectionProperties the connection's copy of its user properties, after
     *     {@code modifyHandshake}
     * @return what to answer instead of upgrading (the refusal has been logged), or {@code null}
     */
    public static Gate.Refusal decided(ServerEndpointConfig endpoint, Map<String, Object> connectionProperties) {
        if (endpoint.getConfigurator() instanceof ChannelConfigurator channel
                && connectionProperties.get(Handshake.KEY) instanceof Handshake decided) {
            Gate.Refusal refusal = Gate.refusal(channel.definition(), decided.verdict());
            if (refusal != null) {
                channel.metrics().refused(refusal.reason(), refusal.why(), null);
                channel.runtime().refusedBeforeUpgrade(decided::header, refusal.reason());
            }
            return refusal;
        }
        return null;
    }

    /**
     * For the containers' message limits ({@code container.TyrusMessageLimit}).
     *
     * @param path a request path within the application, without query
     * @return the {@code maxMessageBytes} of the channel at that path, or -1 when none is there
     */
    public long maxMessageBytes(String path) {
        ChannelDefinition definition = match(path);
        return definition == null ? -1 : definition.limits().maxMessageBytes();
    }

    /** @return the largest {@code maxMessageBytes} of the channels (0 without channels) */
    public long largestMaxMessageBytes() {
        return definitions.stream()
                .mapToLong(d -> d.limits().maxMessageBytes())
                .max()
                .orElse(0);
    }

    /** The channel whose route matches a request path as Jakarta WebSocket matches it, or {@code null}. */
    private ChannelDefinition match(String path) {
        ChannelDefinition best = null;
        for (ChannelDefinition definition : definitions) {
            if (definition.route().matches(path)
                    && (best == null || RouteTemplate.MORE_SPECIFIC.compare(definition.route(), best.route()) < 0)) {
                best = definition;
            }
        }
        return best;
    }
}
