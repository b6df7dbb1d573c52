package io.wschannels.cdi;

import io.wschannels.Channel;
import io.wschannels.Limits;

/** A validated channel: its class, its route and its limits. */
record ChannelDefinition(Class<? extends Channel> type, RouteTemplate route, int outboundQueueBytes,
        Limits.Overflow overflow, int maxMessageBytes, int maxConnections, int maxConnectionsPerUser,
        int messagesPerSecond, int messageBurst, int heartbeatMillis, int pongTimeoutMillis) {

    ChannelDefinition(Class<? extends Channel> type, RouteTemplate route) {
        this(type, route, Limits.DEFAULT_OUTBOUND_QUEUE_BYTES, Limits.Overflow.CLOSE, Limits.DEFAULT_MAX_MESSAGE_BYTES,
                Limits.DEFAULT_MAX_CONNECTIONS, 100, 100, 200, 30_000, 60_000);
    }

    /** For logs and error messages: {@code ChatChannel (/chat/{room_id})}. */
    String describe() {
        return type.getSimpleName() + " (" + route.path() + ")";
    }
}
