package io.wschannels.cdi;

import io.wschannels.Channel;
import io.wschannels.Limits;

/** A validated channel: its class, its route and its limits. */
record ChannelDefinition(Class<? extends Channel> type, RouteTemplate route, int outboundQueueBytes,
        Limits.Overflow overflow, int maxMessageBytes, int maxConnections, int maxConnectionsPerUser,
        int messagesPerSecond, int messageBurst, int heartbeatMillis, int pongTimeoutMillis) {

    /** Taken from the channel's {@code @Limits}, or its defaults; checked by {@link ChannelRules}. */
    ChannelDefinition(Class<? extends Channel> type, RouteTemplate route, Limits limits) {
        this(type, route, limits.outboundQueueBytes(), limits.overflow(), limits.maxMessageBytes(),
                limits.maxConnections(), limits.maxConnectionsPerUser(), limits.messagesPerSecond(),
                limits.messageBurst(), limits.heartbeatMillis(), limits.pongTimeoutMillis());
    }

    /** For logs and error messages: {@code ChatChannel (/chat/{room_id})}. */
    String describe() {
        return type.getSimpleName() + " (" + route.path() + ")";
    }
}
