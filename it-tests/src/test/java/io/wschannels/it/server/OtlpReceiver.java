package io.wschannels.it.server;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * An OpenTelemetry collector for the tests: OTLP over HTTP with protobuf, as a server's exporter
 * sends it ({@code POST /v1/traces}); keeps every span it is sent, and answers every other signal
 * with 200 and nothing kept.
 */
final class OtlpReceiver implements AutoCloseable {

    /**
     * A received span, its ids in lower-case hex as in {@code traceparent}.
     *
     * @param name its name
     * @param traceId its trace
     * @param spanId its id
     * @param parentSpanId its parent's id, empty for a root
     * @param kind {@code SPAN_KIND_SERVER}, {@code SPAN_KIND_CONSUMER}, ...
     * @param attributes its string attributes
     */
    record Received(
            String name,
            String traceId,
            String spanId,
            String parentSpanId,
            String kind,
            Map<String, String> attributes) {}

    private final HttpServer http;
    private final List<Received> spans = new CopyOnWriteArrayList<>();
    private final List<Exception> failures = new CopyOnWriteArrayList<>();

    private OtlpReceiver(HttpServer http) {
        this.http = http;
    }

    /** Listens on a free port of localhost. */
    static OtlpReceiver start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            OtlpReceiver receiver = new OtlpReceiver(http);
            http.createContext("/", exchange -> {
                // Exporters may compress (WildFly's does, with gzip).
                boolean gzip =
                        "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
                int status = 200;
                try (InputStream body =
                        gzip ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
                    byte[] bytes = body.readAllBytes();
                    if (exchange.getRequestURI().getPath().endsWith("/v1/traces")) {
                        receiver.keep(ExportTraceServiceRequest.parseFrom(bytes));
                    }
                } catch (IOException | RuntimeException unreadable) {
                    receiver.failures.add(unreadable);
                    status = 400;
                }
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            http.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return where a server's OTLP exporter sends to */
    String endpoint() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** @return the spans received so far */
    List<Received> spans() {
        return List.copyOf(spans);
    }

    /** @return what it could not read, for a failing test's message */
    List<Exception> failures() {
        return List.copyOf(failures);
    }

    private void keep(ExportTraceServiceRequest request) {
        HexFormat hex = HexFormat.of();
        for (ResourceSpans resource : request.getResourceSpansList()) {
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                for (Span span : scope.getSpansList()) {
                    spans.add(new Received(
                            span.getName(),
                            hex.formatHex(span.getTraceId().toByteArray()),
                            hex.formatHex(span.getSpanId().toByteArray()),
                            hex.formatHex(span.getParentSpanId().toByteArray()),
                            span.getKind().name(),
                            span.getAttributesList().stream()
                                    .filter(KeyValue::hasValue)
                                    .collect(Collectors.toMap(
                                            KeyValue::getKey,
                                            kv -> kv.getValue().getStringValue(),
                                            (a, b) -> b))));
                }
            }
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
