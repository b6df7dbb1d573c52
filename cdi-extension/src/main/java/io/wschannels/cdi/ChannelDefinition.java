package io.wschannels.cdi;

import io.wschannels.Channel;

/** A validated channel: its class and its route. */
record ChannelDefinition(Class<? extends Channel> type, RouteTemplate route) {

    /** For logs and error messages: {@code ChatChannel (/chat/{room_id})}. */
    String describe() {
        return type.getSimpleName() + " (" + route.path() + ")";
    }
}
