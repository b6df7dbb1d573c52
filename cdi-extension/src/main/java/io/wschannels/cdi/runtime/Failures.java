package io.wschannels.cdi.runtime;

import io.wschannels.ChannelException;
import io.wschannels.cdi.connection.LiveConnection;
import io.wschannels.cdi.discovery.ChannelDefinition;
import io.wschannels.cdi.json.Envelopes;
import io.wschannels.cdi.metrics.ChannelMetrics;
import jakarta.websocket.CloseReason;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one mapping of what a channel throws to what its client is told, as the table in the manual
 * ({@code io.wschannels}) states it: a {@link ChannelException} is meant for the client, anything
 * else is logged with the channel, route and connection, and the client is told
 * {@code Internal server error}. From {@code onConnect} the answer is a refusal, from the other
 * callbacks the error envelope, and the connection stays open.
 */
final class Failures {

    private static final Logger LOG = Logger.getLogger(Failures.class.getName());

    private final ChannelDefinition definition;
    private final ChannelMetrics metrics;

    Failures(ChannelDefinition definition, ChannelMetrics metrics) {
        this.definition = definition;
        this.metrics = metrics;
    }

    /**
     * A message callback failed: the client gets the error envelope, the connection stays open.
     *
     * @param callback for the log, for example {@code onMessage}
     * @param ref the {@code ref} of the request it answers (raw JSON), or {@code null}
     */
    void answer(LiveConnection connection, String callback, Throwable e, String ref) {
        if (e instanceof ChannelException forTheClient) {
            LOG.fine(() -> definition.type().getSimpleName() + "#" + callback + " answered " + connection + " with \""
                    + forTheClient.getMessage() + "\"");
            connection.send(Envelopes.error(String.valueOf(forTheClient.getMessage()), forTheClient.code(), ref));
            return;
        }
        rethrowFatal(e);
        metrics.callbackFailed();
        LOG.log(
                Level.SEVERE,
                definition.type().getName() + "#" + callback + " failed for " + connection
                        + "; the client gets the error envelope \"" + Envelopes.INTERNAL_ERROR
                        + "\" and the connection stays"
                        + " open",
                e);
        connection.send(Envelopes.error(Envelopes.INTERNAL_ERROR, "internal_error", ref));
    }

    /**
     * {@code onConnect} failed, or admitting the user did: the client is refused, and no other
     * callback runs for it.
     *
     * @param reason what the metrics count it as
     */
    void refuse(LiveConnection connection, Throwable e, ChannelMetrics.Refusal reason) {
        metrics.refused(
                reason,
                e instanceof ChannelException refused
                        ? "onConnect refused it: " + refused.getMessage()
                        : "onConnect threw " + e.getClass().getName(),
                connection.id());
        if (e instanceof ChannelException refused) {
            LOG.fine(() -> definition.type().getSimpleName() + " refused " + connection + ": " + refused.getMessage());
            connection.refuse(refused.closeCode(), Envelopes.refusal(refused.getMessage(), refused.code()));
            return;
        }
        rethrowFatal(e);
        metrics.callbackFailed();
        LOG.log(
                Level.SEVERE,
                definition.type().getName() + "#onConnect failed for " + connection
                        + "; the client is closed with 1011 and the reason \"" + Envelopes.INTERNAL_ERROR + "\"",
                e);
        connection.close(CloseReason.CloseCodes.UNEXPECTED_CONDITION, Envelopes.INTERNAL_ERROR);
    }

    /** The instance could not be made: the client is closed with 1011. */
    void notCreated(LiveConnection connection, RuntimeException e) {
        metrics.refused(
                ChannelMetrics.Refusal.ERROR,
                "the channel could not be created: " + e.getClass().getName(),
                connection.id());
        metrics.callbackFailed();
        LOG.log(
                Level.SEVERE,
                "Could not create " + definition.type().getName() + " for " + connection + "; the client"
                        + " is closed with 1011. Fix the channel's injection points or @PostConstruct.",
                e);
        connection.close(CloseReason.CloseCodes.UNEXPECTED_CONDITION, Envelopes.INTERNAL_ERROR);
    }

    /** {@code onClose} or {@code onError} failed: there is nobody left to tell, so it is logged. */
    void logged(LiveConnection connection, String callback, Throwable e) {
        rethrowFatal(e);
        metrics.callbackFailed();
        LOG.log(Level.SEVERE, definition.type().getName() + "#" + callback + " failed for " + connection, e);
    }

    /** Out-of-memory and similar errors are not the channel's fault and must reach the container. */
    static void rethrowFatal(Throwable e) {
        if (e instanceof VirtualMachineError fatal && !(e instanceof StackOverflowError)) {
            throw fatal;
        }
    }
}
