package io.wschannels.tyrus.tracing;

import io.opentelemetry.api.OpenTelemetry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** OpenTelemetry switched off, as MicroProfile Telemetry injects it by default (otel.sdk.disabled). */
@ApplicationScoped
public class DisabledTelemetry {

    @Produces
    @ApplicationScoped
    OpenTelemetry openTelemetry() {
        return OpenTelemetry.noop();
    }
}
