package io.wschannels.cdi.connection;

import jakarta.websocket.CloseReason;

/**
 * Where one connection is in its life, moving forward only, and the close this side sent first.
 * Transitions are atomic; the first close wins, so a refusal after the channel closed, or a second
 * close, changes nothing.
 */
final class ConnectionState {

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
    synchronized boolean open() {
        if (phase != Phase.CONNECTING) {
            return false;
        }
        phase = Phase.OPEN;
        return true;
    }

    /** Connecting or open: this side closes with {@code close}; later closes are left as they are. */
    synchronized void closing(CloseReason close) {
        if (phase == Phase.CONNECTING || phase == Phase.OPEN) {
            phase = Phase.CLOSING;
            sentClose = close;
        }
    }

    /** @return {@code true} if the connection was still connecting and is refused with {@code close} now */
    synchronized boolean refusing(CloseReason close) {
        if (phase != Phase.CONNECTING) {
            return false;
        }
        phase = Phase.REFUSED;
        sentClose = close;
        return true;
    }

    /** The container reported the end of the session. */
    void ended() {
        phase = Phase.ENDED;
    }

    boolean isOpen() {
        Phase now = phase;
        return now == Phase.CONNECTING || now == Phase.OPEN;
    }

    boolean acceptsMessages() {
        return phase == Phase.OPEN;
    }

    CloseReason sentClose() {
        return sentClose;
    }
}
