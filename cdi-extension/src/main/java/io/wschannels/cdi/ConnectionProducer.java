package io.wschannels.cdi;

import io.wschannels.Connection;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.InjectionPoint;
import java.util.function.Supplier;

/**
 * Makes {@link Connection} injectable into a channel (and into {@code @Dependent} beans created
 * with it) while the runtime creates the channel instance for a new connection. The runtime
 * creates instances synchronously on the I/O thread that opened the connection, so a thread-local
 * is enough to tell which connection is being opened.
 */
@Dependent
class ConnectionProducer {

    private static final ThreadLocal<Connection> OPENING = new ThreadLocal<>();

    @Produces
    @Dependent
    Connection connection(InjectionPoint injectionPoint) {
        Connection connection = OPENING.get();
        if (connection == null) {
            String where = injectionPoint == null || injectionPoint.getMember() == null ? "a bean"
                    : injectionPoint.getMember().getDeclaringClass().getName() + "#" + injectionPoint.getMember().getName();
            throw new IllegalStateException("A Connection was injected into " + where + " outside of a connection:"
                    + " a Connection can only be injected into a channel, or into @Dependent beans it injects, which"
                    + " the runtime creates when a client connects. To reach connections from other beans, keep them"
                    + " in an @ApplicationScoped registry from Channel#onConnect.");
        }
        return connection;
    }

    /** Runs {@code creation} with {@code connection} as the one being opened on this thread. */
    static <T> T opening(Connection connection, Supplier<T> creation) {
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
