package io.wschannels.cdi.broadcast;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.BroadcastDroppedException;
import io.wschannels.Channel;
import io.wschannels.Delivery;
import io.wschannels.Route;
import io.wschannels.cdi.FakePeer;
import io.wschannels.cdi.TestChannels;
import io.wschannels.cdi.connection.LiveConnection;
import io.wschannels.cdi.discovery.ChannelDefinition;
import io.wschannels.cdi.handshake.Handshake;
import io.wschannels.cdi.json.JsonCodec;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * Broadcasts bound to a transaction, on a registry of fake peers and a transaction registry that
 * this test drives by hand (status, then completion). The servers' real transactions are in the
 * tests on WildFly and Payara.
 */
class TransactionsTest {

    @Route("/tx")
    public static class Tx extends Channel {}

    /** One transaction on one thread, as a container's registry shows it to the code it runs. */
    static final class OneTransaction implements TransactionSynchronizationRegistry {
        int status = Status.STATUS_NO_TRANSACTION;
        final Map<Object, Object> resources = new HashMap<>();
        final List<Synchronization> synchronizations = new ArrayList<>();

        void begin() {
            status = Status.STATUS_ACTIVE;
        }

        void end(int outcome) {
            status = outcome;
            List<Synchronization> all = List.copyOf(synchronizations);
            synchronizations.clear();
            resources.clear();
            all.forEach(s -> s.afterCompletion(outcome));
            status = Status.STATUS_NO_TRANSACTION;
        }

        @Override
        public Object getTransactionKey() {
            return status == Status.STATUS_NO_TRANSACTION ? null : this;
        }

        @Override
        public void putResource(Object key, Object value) {
            resources.put(key, value);
        }

        @Override
        public Object getResource(Object key) {
            return resources.get(key);
        }

        @Override
        public void registerInterposedSynchronization(Synchronization sync) {
            if (status != Status.STATUS_ACTIVE) {
                throw new IllegalStateException("not active");
            }
            synchronizations.add(sync);
        }

        @Override
        public int getTransactionStatus() {
            return status;
        }

        @Override
        public void setRollbackOnly() {
            status = Status.STATUS_MARKED_ROLLBACK;
        }

        @Override
        public boolean getRollbackOnly() {
            return status == Status.STATUS_MARKED_ROLLBACK;
        }
    }

    private final JsonCodec json = new JsonCodec();
    private final ChannelDefinition definition = TestChannels.definition(Tx.class);
    private final Broadcasts broadcasts = new Broadcasts(json);
    private final ChannelRegistry<Tx> registry = new ChannelRegistry<>(definition, broadcasts);
    private final OneTransaction transaction = new OneTransaction();
    private final FakePeer peer = new FakePeer().readingAtOnce();

    TransactionsTest() {
        broadcasts.bindTo(new JtaTransactions(transaction));
        LiveConnection connection = new LiveConnection(
                "c1", definition, peer.session, Handshake.NONE, json, registry::forget, registry.metrics());
        connection.markOpen();
        registry.opened(connection);
        registry.join("orders", connection);
    }

    @Test
    void withoutATransactionABroadcastLeavesAtOnce() throws Exception {
        Delivery delivery =
                registry.room("orders").broadcast("now").toCompletableFuture().get();
        assertEquals(new Delivery(1, 0), delivery);
        assertEquals(List.of("now"), peer.written);
    }

    @Test
    void broadcastsOfACommittedTransactionLeaveAfterTheCommitInTheOrderTheyWereMade() throws Exception {
        transaction.begin();
        CompletableFuture<Delivery> first =
                registry.room("orders").broadcast("first").toCompletableFuture();
        CompletableFuture<Delivery> second = registry.all().broadcast("second").toCompletableFuture();
        assertEquals(List.of(), peer.written, "nothing before the commit");
        assertFalse(first.isDone(), "its delivery is not known before it leaves");
        assertEquals(1, transaction.synchronizations.size(), "one synchronization per transaction");
        transaction.end(Status.STATUS_COMMITTED);
        assertEquals(List.of("first", "second"), peer.written);
        assertEquals(new Delivery(1, 0), first.get());
        assertEquals(new Delivery(1, 0), second.get());
    }

    @Test
    void broadcastsOfARolledBackTransactionNeverLeaveAndTheirDeliverySaysWhy() {
        transaction.begin();
        CompletableFuture<Delivery> paid =
                registry.room("orders").broadcastJson(Map.of("paid", 7)).toCompletableFuture();
        transaction.end(Status.STATUS_ROLLEDBACK);
        assertEquals(List.of(), peer.written);
        ExecutionException failed = assertThrows(ExecutionException.class, paid::get);
        BroadcastDroppedException dropped = assertInstanceOf(BroadcastDroppedException.class, failed.getCause());
        assertEquals(
                "A broadcast to rooms [orders] of " + Tx.class.getName() + " was dropped: the transaction it was"
                        + " made in rolled back. Clients are not told what a transaction did not do; to send"
                        + " regardless of it, broadcast to audience.immediately()",
                dropped.getMessage());
    }

    @Test
    void aTransactionMarkedForRollbackDropsWhatIsBroadcastInIt() {
        transaction.begin();
        transaction.setRollbackOnly();
        CompletableFuture<Delivery> late =
                registry.room("orders").broadcast("late").toCompletableFuture();
        assertTrue(late.isCompletedExceptionally());
        assertEquals(List.of(), transaction.synchronizations);
        transaction.end(Status.STATUS_ROLLEDBACK);
        assertEquals(List.of(), peer.written);
    }

    @Test
    void waitingForADeferredDeliveryInsideItsTransactionFailsAtOnceSayingWhatToDo() throws Exception {
        transaction.begin();
        CompletableFuture<Delivery> paid =
                registry.room("orders").broadcast("paid").toCompletableFuture();
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> paid.get(1, SECONDS));
        assertTrue(
                refused.getMessage()
                        .startsWith("Waiting for the delivery of a broadcast to rooms [orders] of " + Tx.class.getName()
                                + " inside the transaction it was made in"),
                refused.getMessage());
        assertThrows(IllegalStateException.class, paid::join);
        transaction.end(Status.STATUS_COMMITTED);
        assertEquals(new Delivery(1, 0), paid.get(), "after the commit, waiting is fine");
    }

    @Test
    void immediatelyLeavesAtOnceWhateverTheTransactionDoes() throws Exception {
        transaction.begin();
        Delivery delivery = registry.room("orders")
                .immediately()
                .broadcast("saving")
                .toCompletableFuture()
                .get();
        assertEquals(new Delivery(1, 0), delivery);
        assertEquals(List.of("saving"), peer.written);
        transaction.end(Status.STATUS_ROLLEDBACK);
        assertEquals(List.of("saving"), peer.written);
        assertEquals(List.of(), transaction.synchronizations);
    }

    @Test
    void immediatelyIsKeptByExceptAndSaidByTheAudience() {
        var audience = registry.room("orders").immediately().exceptUser("ann");
        assertSame(audience, audience.immediately());
        assertTrue(audience.toString().endsWith(", immediately"), audience.toString());
    }

    @Test
    void aBroadcastThatFailsAfterTheCommitDoesNotStopTheOthers() throws Exception {
        transaction.begin();
        JtaTransactions jta = new JtaTransactions(transaction);
        assertTrue(jta.defer(
                () -> {
                    throw new IllegalStateException("transport down");
                },
                why -> {}));
        CompletableFuture<Delivery> after =
                registry.room("orders").broadcast("after").toCompletableFuture();
        transaction.end(Status.STATUS_COMMITTED);
        assertEquals(new Delivery(1, 0), after.get());
        assertEquals(List.of("after"), peer.written);
    }
}
