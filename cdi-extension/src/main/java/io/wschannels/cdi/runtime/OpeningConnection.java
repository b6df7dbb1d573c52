package io.wschannels.cdi.runtime;

import io.wschannels.Connection;
import java.util.function.Supplier;

/**
 * The connection whose channel instance is being created on this thread, for the CDI producer that
 * makes {@code @Inject Connection} work in channels. The runtime creates instances synchronously on
 * the thread that opens the connection, so a thread-local is enough.
 */
public final class OpeningConnection {

    private static final ThreadLocal<Connection> OPENING = new ThreadLocal<>();

    private OpeningConnection() {}

    /** @return the connection being opened on this thread, or {@code null} */
    public static Connection current() {
        return OPENING.get();
    }

    /** Runs {@code creation} with {@code connection} as the one being opened on this thread. */
    static <T> T during(Connection connection, Supplier<T> creation) {
        Connection previous = OPENING.get();
        OPENING.set(connection);
        try {
            return creation.get();
        } finally {
            if (previous == null) {
                OPENING.remove();
            } else {
                OPENING.set(previous);
            }
        }
    }
}
