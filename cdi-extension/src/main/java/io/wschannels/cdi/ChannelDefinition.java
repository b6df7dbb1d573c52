package io.wschannels.cdi;

import io.wschannels.Channel;
import io.wschannels.Limits;

/** A validated channel: its class, its route, who may connect, and its limits. */
record ChannelDefinition(Class<? extends Channel> type, RouteTemplate route, boolean authenticated, Origins origins,
        int outboundQueueBytes, Limits.Overflow overflow, int maxMessageBytes, int maxConnections,
        int maxConnectionsPerUser, int messagesPerSecond, int messageBurst, int heartbeatMillis, int pongTimeoutMillis,
        int idleTimeoutMillis) {

    /** Taken from the channel's {@code @Limits}, or its defaults; checked by {@link ChannelRules}. */
    ChannelDefinition(Class<? extends Channel> type, RouteTemplate route, boolean authenticated, Origins origins,
            Limits limits) {
        this(type, route, authenticated, origins, limits.outboundQueueBytes(), limits.overflow(),
                limits.maxMessageBytes(), limits.maxConnections(), limits.maxConnectionsPerUser(),
                limits.messagesPerSecond(), limits.messageBurst(), limits.heartbeatMillis(), limits.pongTimeoutMillis(),
                limits.idleTimeoutMillis());
    }

    /** For logs and error messages: {@code ChatChannel (/chat/{room_id})}. */
    String describe() {
        return type.getSimpleName() + " (" + route.path() + ")";
    }
}
