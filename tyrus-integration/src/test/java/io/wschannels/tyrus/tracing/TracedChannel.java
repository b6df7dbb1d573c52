package io.wschannels.tyrus.tracing;

import io.opentelemetry.api.trace.Span;
import io.wschannels.Channel;
import io.wschannels.ChannelException;
import io.wschannels.Handle;
import io.wschannels.Route;

/** Typed messages that succeed, fail, refuse, and tell which span is current while handled. */
@Route("/traced")
public class TracedChannel extends Channel {

    public record Sum(int a, int b) {}

    @Handle("sum")
    int sum(Sum sum) {
        return sum.a() + sum.b();
    }

    @Handle("boom")
    void boom() {
        throw new IllegalStateException("boom");
    }

    @Handle("no")
    void no() {
        throw new ChannelException("Not now", "not_now");
    }

    /** The span current while the handler runs, as the application's own spans would see it. */
    @Handle("current")
    String current() {
        return Span.current().getSpanContext().getSpanId();
    }
}
