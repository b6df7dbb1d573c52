package io.wschannels.cdi.discovery;

import io.wschannels.Batched;
import io.wschannels.Channel;
import io.wschannels.Limits;
import io.wschannels.spi.Broadcast;

/**
 * A validated channel: its class, its route, who may connect, how its messages are handled, and its
 * limits. Made by {@link ChannelRules} only, so every value in it has been checked.
 *
 * @param type the channel class
 * @param route its parsed route
 * @param authenticated whether it is {@code @Authenticated}
 * @param origins which web origins may connect
 * @param handlers its {@code @Handle} methods, possibly none
 * @param batched its {@code @Batched}, or {@code null}
 * @param limits its {@code @Limits}, or the defaults
 * @param retention what its {@code @History} keeps, or {@code null}
 */
public record ChannelDefinition(
        Class<? extends Channel> type,
        RouteTemplate route,
        boolean authenticated,
        Origins origins,
        Handlers handlers,
        Batched batched,
        Limits limits,
        Broadcast.Retention retention) {

    /** @return whether text messages go to {@code onBatch} in batches */
    public boolean isBatched() {
        return batched != null;
    }

    /** @return for logs and error messages: {@code ChatChannel (/chat/{room_id})} */
    public String describe() {
        return type.getSimpleName() + " (" + route.path() + ")";
    }
}
