package io.wschannels.cdi.broadcast;

import io.wschannels.ChannelException;
import jakarta.websocket.CloseReason;

/** Over {@code @Limits(maxConnectionsPerUser)}: refuses the client with 1013 when left uncaught in onConnect. */
final class UserLimitException extends ChannelException {
    private static final long serialVersionUID = 1L;

    UserLimitException(int most) {
        super("Too many connections for this user: at most " + most, "too_many_connections");
    }

    @Override
    public CloseReason.CloseCode closeCode() {
        return CloseReason.CloseCodes.TRY_AGAIN_LATER;
    }
}
