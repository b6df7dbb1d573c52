package io.wschannels.cdi;

import io.wschannels.Connection;
import io.wschannels.cdi.runtime.OpeningConnection;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.InjectionPoint;

/**
 * Makes {@link Connection} injectable into a channel (and into {@code @Dependent} beans created
 * with it) while the runtime creates the channel instance for a new connection.
 */
@Dependent
class ConnectionProducer {

    // Static: a producer method of this @Dependent class that is not would make an instance of it
    // for each channel instance.
    @Produces
    @Dependent
    static Connection connection(InjectionPoint injectionPoint) {
        Connection connection = OpeningConnection.current();
        if (connection == null) {
            String where = injectionPoint == null || injectionPoint.getMember() == null
                    ? "a bean"
                    : injectionPoint.getMember().getDeclaringClass().getName() + "#"
                            + injectionPoint.getMember().getName();
            throw new IllegalStateException("A Connection was injected into " + where + " outside of a connection:"
                    + " a Connection can only be injected into a channel, or into @Dependent beans it injects, which"
                    + " the runtime creates when a client connects. To reach connections from other beans, keep them"
                    + " in an @ApplicationScoped registry from Channel#onConnect.");
        }
        return connection;
    }
}
