package io.wschannels.cdi.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Tracing with OpenTelemetry: the only class that touches its API, loaded only when the application
 * sees it. A handshake is a {@code SERVER} span named {@code GET <route>} (OpenTelemetry's HTTP
 * server convention), child of the client's {@code traceparent}; each handled message a
 * {@code CONSUMER} span named {@code process <route>}, child of its connection's handshake span.
 */
final class OpenTelemetryTracing implements Tracing {

    /** The instrumentation scope of the spans. */
    static final String SCOPE = "io.wschannels";

    private static final TextMapGetter<Function<String, String>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Function<String, String> carrier) {
            return List.of("traceparent", "tracestate", "baggage");
        }

        @Override
        public String get(Function<String, String> carrier, String key) {
            return carrier == null ? null : carrier.apply(key);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    private OpenTelemetryTracing(Tracer tracer, TextMapPropagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** Through the application's {@code OpenTelemetry} bean, or {@link #NONE} without one that records. */
    static Tracing of(BeanManager manager) {
        Set<Bean<?>> beans = manager.getBeans(OpenTelemetry.class);
        if (beans.isEmpty()) {
            return NONE;
        }
        Bean<?> bean = manager.resolve(beans);
        OpenTelemetry telemetry =
                (OpenTelemetry) manager.getReference(bean, OpenTelemetry.class, manager.createCreationalContext(bean));
        Tracer tracer = telemetry.getTracer(SCOPE);
        // A disabled SDK (MicroProfile Telemetry's default, otel.sdk.disabled=true) is OpenTelemetry's
        // no-op: its spans are invalid. Then nothing is traced at all, at no cost.
        Span probe = tracer.spanBuilder("probe").setParent(Context.root()).startSpan();
        if (!probe.getSpanContext().isValid()) {
            return NONE;
        }
        return new OpenTelemetryTracing(tracer, telemetry.getPropagators().getTextMapPropagator());
    }

    @Override
    public Traced handshake(String route, String channel, Function<String, String> header) {
        Context parent = propagator.extract(Context.root(), header, HEADERS);
        Span span = tracer.spanBuilder("GET " + route)
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute("http.request.method", "GET")
                .setAttribute("http.route", route)
                .setAttribute("wschannels.channel", channel)
                .startSpan();
        return new OpenTelemetrySpan(span, route, channel);
    }

    /** One span. */
    private final class OpenTelemetrySpan implements Traced {
        private final Span span;
        private final String route;
        private final String channel;

        OpenTelemetrySpan(Span span, String route, String channel) {
            this.span = span;
            this.route = route;
            this.channel = channel;
        }

        @Override
        public Traced message() {
            Span message = tracer.spanBuilder("process " + route)
                    .setParent(Context.root().with(span))
                    .setSpanKind(SpanKind.CONSUMER)
                    .setAttribute("http.route", route)
                    .setAttribute("wschannels.channel", channel)
                    .startSpan();
            return new OpenTelemetrySpan(message, route, channel);
        }

        @Override
        public void type(String type) {
            span.setAttribute("wschannels.message.type", type);
        }

        @Override
        public void outcome(String outcome) {
            span.setAttribute("wschannels.outcome", outcome);
        }

        @Override
        public void failed(Throwable error) {
            span.recordException(error);
            span.setStatus(StatusCode.ERROR, error.getClass().getName());
            span.setAttribute("wschannels.outcome", "error");
        }

        @Override
        public Entered enter() {
            return span.makeCurrent()::close;
        }

        @Override
        public void end() {
            span.end();
        }
    }
}
