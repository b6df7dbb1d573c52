package io.wschannels.cdi;

import io.wschannels.Channel;
import io.wschannels.Limits;

/** A validated channel: its class, its route, who may connect, and its limits. */
record ChannelDefinition(Class<? extends Channel> type, RouteTemplate route, boolean authenticated, Origins origins,
        Handlers handlers, int batchMessages, int batchDelayMillis, int outboundQueueBytes, Limits.Overflow overflow, int maxMessageBytes, int maxConnections,
        int maxConnectionsPerUser, int messagesPerSecond, int messageBurst, int heartbeatMillis, int pongTimeoutMillis,
        int idleTimeoutMillis) {

    /** Taken from the channel's {@code @Limits}, or its defaults; checked by {@link ChannelRules}. */
    ChannelDefinition(Class<? extends Channel> type, RouteTemplate route, boolean authenticated, Origins origins,
            Handlers handlers, io.wschannels.Batched batched, Limits limits) {
        this(type, route, authenticated, origins, handlers, batched == null ? 0 : batched.maxMessages(),
                batched == null ? 0 : batched.maxDelayMillis(), limits.outboundQueueBytes(), limits.overflow(),
                limits.maxMessageBytes(), limits.maxConnections(), limits.maxConnectionsPerUser(),
                limits.messagesPerSecond(), limits.messageBurst(), limits.heartbeatMillis(), limits.pongTimeoutMillis(),
                limits.idleTimeoutMillis());
    }

    /** Whether text messages go to {@code onBatch} in batches. */
    boolean batched() {
        return batchMessages > 0;
    }

    /** For logs and error messages: {@code ChatChannel (/chat/{room_id})}. */
    String describe() {
        return type.getSimpleName() + " (" + route.path() + ")";
    }
}
