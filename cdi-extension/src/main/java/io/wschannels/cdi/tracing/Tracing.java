package io.wschannels.cdi.tracing;

import jakarta.enterprise.inject.spi.BeanManager;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where the runtime starts spans: one per connection's handshake, continuing the trace the client
 * named in its {@code traceparent} header. {@link #NONE} when tracing is off, which starts nothing
 * and costs the runtime one {@code null} check per event.
 */
public interface Tracing {

    /** Tracing off. */
    Tracing NONE = (route, channel, header) -> null;

    /**
     * Starts the span of a handshake, now.
     *
     * @param route the channel's route template, low in cardinality (the span's name)
     * @param channel the channel class's simple name
     * @param header the handshake's header of a name, or {@code null}: {@code traceparent},
     *     {@code tracestate} and {@code baggage} are read
     * @return the started span, or {@code null} when tracing is off
     */
    Traced handshake(String route, String channel, Function<String, String> header);

    /**
     * The application's OpenTelemetry, when it sees one that records: an {@code OpenTelemetry}
     * bean (MicroProfile Telemetry's, or one the application produces) whose tracer makes spans
     * that are recorded.
     *
     * @param manager the application's bean manager
     * @return tracing through it, or {@link #NONE}
     */
    static Tracing find(BeanManager manager) {
        Logger log = Logger.getLogger(Tracing.class.getName());
        try {
            Class.forName("io.opentelemetry.api.OpenTelemetry", false, Tracing.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError notVisible) {
            return NONE;
        }
        try {
            Tracing found = OpenTelemetryTracing.of(manager);
            if (found != NONE) {
                log.info("Handshakes and handled messages of channels are traced with OpenTelemetry");
            }
            return found;
        } catch (RuntimeException | LinkageError e) {
            log.log(
                    Level.WARNING,
                    "The application sees OpenTelemetry, but its OpenTelemetry bean could not be used;"
                            + " channels are not traced",
                    e);
            return NONE;
        }
    }
}
