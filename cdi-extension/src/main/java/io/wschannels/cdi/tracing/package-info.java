/**
 * Spans of handshakes and handled messages, sent to the OpenTelemetry the application sees
 * (MicroProfile Telemetry on an application server, or an {@code OpenTelemetry} bean of the
 * application): the runtime speaks to {@link io.wschannels.cdi.tracing.Tracing} and
 * {@link io.wschannels.cdi.tracing.Traced} only; {@code OpenTelemetryTracing} is the one class that
 * touches OpenTelemetry, loaded only when the application sees its API. Off, nothing is made.
 *
 * <p>Internal to the channel runtime: public only for the packages above it (see ARCHITECTURE.md),
 * not an API; it changes without notice.
 */
package io.wschannels.cdi.tracing;
