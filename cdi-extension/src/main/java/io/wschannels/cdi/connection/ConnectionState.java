package io.wschannels.cdi.connection;

import jakarta.websocket.CloseReason;

/**
 * Where one connection is in its life, moving forward only, and the close this side sent first.
 * Transitions are atomic; the first close wins, so a refusal after the channel closed, or a second
 * close, changes nothing.
 *
 * <p>Extended rather than held by {@link LiveConnection}: a broadcast reads the state of each of its
 * recipients, and one object per connection keeps that to the cache line the connection is in.
 */
abstract class ConnectionState {

    private enum Phase {
        CONNECTING,
        OPEN,
        REFUSED,
        CLOSING,
        ENDED
    }

    private volatile Phase phase = Phase.CONNECTING;
    private volatile CloseReason sentClose;

    /** Connecting: {@code onConnect} returned; messages are accepted from now on. */
    final synchronized boolean toOpen() {
        if (phase != Phase.CONNECTING) {
            return false;
        }
        phase = Phase.OPEN;
        return true;
    }

    /** Connecting or open: this side closes with {@code close}; later closes are left as they are. */
    final synchronized void toClosing(CloseReason close) {
        if (phase == Phase.CONNECTING || phase == Phase.OPEN) {
            phase = Phase.CLOSING;
            sentClose = close;
        }
    }

    /** @return {@code true} if the connection was still connecting and is refused with {@code close} now */
    final synchronized boolean toRefused(CloseReason close) {
        if (phase != Phase.CONNECTING) {
            return false;
        }
        phase = Phase.REFUSED;
        sentClose = close;
        return true;
    }

    /** The container reported the end of the session. */
    final void toEnded() {
        phase = Phase.ENDED;
    }

    /**
     * Whether messages can still be sent: {@code false} once this side closed or refused it, or it
     * ended.
     *
     * @return {@code true} while connecting or open
     */
    public final boolean isOpen() {
        Phase now = phase;
        return now == Phase.CONNECTING || now == Phase.OPEN;
    }

    /** @return whether incoming messages are delivered: only while open, not after close or refusal */
    public final boolean acceptsMessages() {
        return phase == Phase.OPEN;
    }

    /** @return the close this side sent first, or {@code null} if the peer or the network ended it */
    public final CloseReason sentClose() {
        return sentClose;
    }
}
