package io.wschannels.cdi.runtime;

import io.wschannels.Channel;
import io.wschannels.ChannelException;
import io.wschannels.cdi.connection.LiveConnection;
import io.wschannels.cdi.connection.Utf8;
import io.wschannels.cdi.discovery.ChannelDefinition;
import io.wschannels.cdi.handshake.Gate;
import io.wschannels.cdi.history.Resume;
import io.wschannels.cdi.metrics.ChannelMetrics;
import io.wschannels.cdi.tracing.Traced;
import io.wschannels.cdi.tracing.Tracing;
import jakarta.websocket.CloseReason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The channel's callbacks for one connection, in the order of its life: admitted and connected
 * once, then its messages, pongs and errors one at a time ({@link CallbackOrder}), then ended once,
 * however it ends. Each concern it strings together has a class of its own: {@link Admission} for
 * every message, {@link TypedDispatch} and {@link Batches} for the channel's messages,
 * {@link ChannelInstances} for the instance, {@link Failures} for what the client is told when the
 * channel throws, {@link Liveness} for heartbeats.
 */
public final class Callbacks extends CallbackOrder implements Liveness.Watched {

    private static final Logger LOG = Logger.getLogger(Callbacks.class.getName());

    private final ChannelRuntime runtime;
    private final ChannelDefinition definition;
    private final LiveConnection connection;
    private final Admission admission;
    private final ChannelMetrics metrics;
    /** {@code null} unless the channel is {@code @Batched}. */
    private final Batches batches;
    /** Set once, under the order, when the client has been admitted. */
    private ChannelInstances.ChannelInstance instance;
    /** {@code onConnect} returned without refusing: {@code onClose} will run. */
    private volatile boolean connected;
    /** Counted against the channel's capacity. Under the order. */
    private boolean admitted;
    /** The handshake's span when tracing is on, parent of each message's; {@code null} when off. */
    private Traced handshakeSpan;

    private volatile boolean ended;
    /** The instance has been destroyed. Under the order. */
    private boolean destroyed;

    Callbacks(ChannelRuntime runtime, LiveConnection connection, LongSupplier clock) {
        this.runtime = runtime;
        this.definition = runtime.definition();
        this.connection = connection;
        this.admission = new Admission(connection, clock);
        this.metrics = runtime.metrics();
        this.batches = definition.isBatched()
                ? new Batches(
                        definition.batched(),
                        runtime.threads().scheduler(),
                        this,
                        clock,
                        this::deliverBatch,
                        connection)
                : null;
    }

    /** The open sequence: shutdown, the handshake's verdict, capacity, the user's cap, the instance, onConnect. */
    void open(Channel provided) {
        // A close made now (a refusal) leaves from another thread shortly after the container's
        // open callback has returned: see Outbox#closeLater.
        connection.closeLater(runtime::closeSoon);
        runtime.opened(this);
        run(() -> connect(provided));
    }

    private void connect(Channel provided) {
        Tracing tracing = runtime.tracing();
        if (tracing == Tracing.NONE) {
            admit(provided);
            return;
        }
        Traced span =
                tracing.handshake(definition.route().path(), definition.type().getSimpleName(), connection::header);
        try (Traced.Entered in = span.enter()) {
            span.outcome(admit(provided));
            handshakeSpan = span;
        } catch (RuntimeException | Error e) {
            span.failed(e);
            throw e;
        } finally {
            span.end();
        }
    }

    /** @return how it went, in a word: {@code admitted}, or the refusal's metrics label */
    private String admit(Channel provided) {
        long started = System.nanoTime();
        String stopping = runtime.shutdown().reason();
        if (stopping != null) {
            metrics.refused(
                    ChannelMetrics.Refusal.SHUTDOWN, "the server is shutting down: " + stopping, connection.id());
            // Arrived while the application stops: CDI may already be gone, so no channel is created.
            connection.close(CloseReason.CloseCodes.GOING_AWAY, stopping);
            return ChannelMetrics.Refusal.SHUTDOWN.label();
        }
        Gate.Verdict verdict = connection.handshake().verdict();
        if (verdict.refused()) {
            // Nothing is created for a refused client: no channel, no registry entry, no count.
            metrics.refused(verdict.refusal(), verdict.why(), connection.id());
            LOG.log(verdict.logLevel(), () -> verdict.describe(definition) + " (connection " + connection.id() + ")");
            connection.close(verdict.closeCode(), verdict.reason());
            return verdict.refusal().label();
        }
        if (!runtime.admit(connection)) {
            return ChannelMetrics.Refusal.CAPACITY.label();
        }
        admitted = true;
        if (definition.retention() != null) {
            // A returning client: its streams are resumed as it is identified and joined to them.
            connection.membership().resume(Resume.parse(connection.queryParam(Resume.PARAMETER)));
        }
        if (verdict.user() != null) {
            try {
                runtime.registry().identify(connection, verdict.user().getName());
            } catch (RuntimeException overTheUsersCap) {
                runtime.failures().refuse(connection, overTheUsersCap, ChannelMetrics.Refusal.USER_LIMIT);
                return ChannelMetrics.Refusal.USER_LIMIT.label();
            }
        }
        try {
            instance = runtime.instances().create(connection, provided);
        } catch (RuntimeException e) {
            runtime.failures().notCreated(connection, e);
            return ChannelMetrics.Refusal.ERROR.label();
        }
        try {
            instance.channel().onConnect();
        } catch (RuntimeException | Error e) {
            ChannelMetrics.Refusal refusal =
                    e instanceof ChannelException ? ChannelMetrics.Refusal.REJECTED : ChannelMetrics.Refusal.ERROR;
            runtime.failures().refuse(connection, e, refusal);
            return refusal.label();
        } finally {
            metrics.callback(System.nanoTime() - started);
        }
        connected = true;
        metrics.opened();
        if (connection.markOpen()) {
            runtime.registry().opened(connection);
        }
        Resume resume = connection.membership().resume();
        if (resume != null) {
            connection.membership().resume(null);
            connection.send(resume.answer()); // after what was replayed, and what onConnect sent
        }
        return "admitted";
    }

    /** The container's open callback has returned: closes from now on leave at once. */
    public void openCallbackReturned() {
        connection.closeLater(null);
    }

    /** @param message a text message from the client */
    public void text(String message) {
        metrics.received(Utf8.length(message));
        if (batches != null) {
            // Not in order: appending must not wait for a batch being delivered.
            if (admission.text(message)) {
                batches.add(message);
            }
            return;
        }
        run(() -> {
            if (!admission.text(message)) {
                return;
            }
            long started = System.nanoTime();
            Traced span = messageSpan(null);
            try (Traced.Entered in = span == null ? null : span.enter()) {
                if (runtime.dispatch() != null) {
                    runtime.dispatch().dispatch(instance.channel(), connection, message, span);
                } else {
                    instance.channel().onMessage(message);
                }
            } catch (RuntimeException | Error e) {
                Traced.failed(span, e);
                runtime.failures().answer(connection, "onMessage", e, null);
            } finally {
                metrics.callback(System.nanoTime() - started);
                Traced.end(span);
            }
        });
    }

    /**
     * A message the container hands over in parts has passed the channel's limit before its last
     * part: the connection is closed with 1009, as for a whole message over it.
     *
     * @param bytesSoFar the message's bytes received until then
     */
    public void tooBig(int bytesSoFar) {
        metrics.received(bytesSoFar);
        run(admission::tooBig);
    }

    /** @param data a binary message from the client */
    public void binary(ByteBuffer data) {
        metrics.received(data.remaining());
        run(() -> {
            if (admission.binary(data)) {
                long started = System.nanoTime();
                Traced span = messageSpan("binary");
                try (Traced.Entered in = span == null ? null : span.enter()) {
                    instance.channel().onBinary(data);
                } catch (RuntimeException | Error e) {
                    Traced.failed(span, e);
                    runtime.failures().answer(connection, "onBinary", e, null);
                } finally {
                    metrics.callback(System.nanoTime() - started);
                    Traced.end(span);
                }
            }
        });
    }

    /** @param applicationData the payload of a pong from the client */
    public void pong(ByteBuffer applicationData) {
        run(() -> {
            if (admission.pong()) {
                try {
                    instance.channel().onPong(applicationData);
                } catch (RuntimeException | Error e) {
                    runtime.failures().answer(connection, "onPong", e, null);
                }
            }
        });
    }

    /** Under the order, from {@link Batches}; also from {@link #finish}, before {@code onClose}. */
    private void deliverBatch(List<String> batch) {
        if (destroyed) {
            return; // a message that slipped in as the connection ended: its instance is gone
        }
        long started = System.nanoTime();
        Traced span = messageSpan("batch");
        try (Traced.Entered in = span == null ? null : span.enter()) {
            instance.channel().onBatch(batch);
        } catch (RuntimeException | Error e) {
            Traced.failed(span, e);
            runtime.failures().answer(connection, "onBatch", e, null);
        } finally {
            metrics.callback(System.nanoTime() - started);
            Traced.end(span);
        }
    }

    /**
     * @param type the message's type when the callback says it ({@code binary}, {@code batch}), else
     *     {@code null}: typed dispatch names it
     * @return the span of a message about to be handled, {@code ok} unless told otherwise; {@code null}
     *     when tracing is off
     */
    private Traced messageSpan(String type) {
        if (handshakeSpan == null) {
            return null;
        }
        Traced span = handshakeSpan.message();
        if (type != null) {
            span.type(type);
        }
        span.outcome("ok");
        return span;
    }

    /** @param error a transport or protocol error the container reported */
    public void error(Throwable error) {
        if (ended) {
            return;
        }
        run(() -> {
            if (ended) {
                return;
            }
            // Resets and half-open peers are routine on the internet: not worth more than FINE. So is
            // a message from a client this side has refused or is closing (it has no handler).
            Level level = error instanceof IOException
                            || error.getCause() instanceof IOException
                            || connection.sentClose() != null
                    ? Level.FINE
                    : Level.WARNING;
            LOG.log(level, "WebSocket error on " + connection, error);
            if (connected) {
                try {
                    instance.channel().onError(error);
                } catch (RuntimeException | Error e) {
                    runtime.failures().logged(connection, "onError", e);
                }
            }
        });
    }

    /** Under the order, once. */
    @Override
    void finish(CloseReason closeReason) {
        if (ended) {
            return;
        }
        ended = true;
        connection.ended();
        // When this side closed, its code and reason are the connection's; the peer's echo of the
        // close frame may carry no reason, and containers differ in which one they report.
        CloseReason effective = connection.sentClose() != null ? connection.sentClose() : closeReason;
        try {
            if (connected) {
                metrics.closed(effective.getCloseCode().getCode());
                if (batches != null) {
                    batches.deliverDue(true); // nothing received is lost: the last batch comes before onClose
                }
                closeCallback(effective);
            }
        } finally {
            if (instance != null) {
                destroyed = true;
                instance.destroy(connection);
            }
            if (admitted) {
                admitted = false;
                runtime.release();
            }
            runtime.closed(this);
        }
    }

    private void closeCallback(CloseReason effective) {
        String reason = effective.getReasonPhrase() == null ? "" : effective.getReasonPhrase();
        long started = System.nanoTime();
        try {
            instance.channel().onClose(effective.getCloseCode(), reason);
        } catch (RuntimeException | Error e) {
            runtime.failures().logged(connection, "onClose", e);
        } finally {
            metrics.callback(System.nanoTime() - started);
        }
    }

    /** @return the connection */
    public LiveConnection connection() {
        return connection;
    }

    @Override
    public boolean isConnected() {
        return connected && !ended;
    }

    @Override
    public boolean acceptsMessages() {
        return connection.acceptsMessages();
    }

    @Override
    public long lastSeen() {
        return admission.lastSeen();
    }

    @Override
    public long lastMessage() {
        return admission.lastMessage();
    }

    @Override
    public void ping() {
        connection.ping();
    }

    @Override
    public void endDead(CloseReason reason) {
        metrics.heartbeatTimedOut();
        connection.close(reason.getCloseCode(), reason.getReasonPhrase());
        end(reason);
    }

    @Override
    public void close(CloseReason reason) {
        connection.close(reason.getCloseCode(), reason.getReasonPhrase());
    }

    @Override
    public String toString() {
        return connection.toString();
    }
}
