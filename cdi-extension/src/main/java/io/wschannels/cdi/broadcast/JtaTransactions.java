package io.wschannels.cdi.broadcast;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * {@link Transactions} by the server's {@link TransactionSynchronizationRegistry}: the broadcasts of
 * one transaction are kept in one interposed synchronization, in the order they were made, and sent
 * or dropped when it completes. Loaded only where JTA's API is present.
 */
final class JtaTransactions implements Transactions {

    private static final Logger LOG = Logger.getLogger(JtaTransactions.class.getName());
    /** The name every Jakarta EE server binds (Jakarta Transactions, section 3.3.2). */
    static final String REGISTRY = "java:comp/TransactionSynchronizationRegistry";

    private final TransactionSynchronizationRegistry registry;

    JtaTransactions(TransactionSynchronizationRegistry registry) {
        this.registry = registry;
    }

    static Transactions lookup() {
        try {
            Object found = new InitialContext().lookup(REGISTRY);
            if (found instanceof TransactionSynchronizationRegistry registry) {
                LOG.fine("Broadcasts made in a JTA transaction leave when it commits");
                return new JtaTransactions(registry);
            }
            LOG.fine(() -> REGISTRY + " is a "
                    + (found == null ? "null" : found.getClass().getName()));
        } catch (NamingException | RuntimeException e) {
            // The standalone server: no naming context, no transactions.
            LOG.fine(() -> "No " + REGISTRY + " (" + e + "): broadcasts leave at once");
        }
        return NONE;
    }

    @Override
    public boolean defer(Runnable send, Consumer<String> drop) {
        int status = registry.getTransactionStatus();
        if (status == Status.STATUS_NO_TRANSACTION) {
            return false;
        }
        if (status != Status.STATUS_ACTIVE && status != Status.STATUS_MARKED_ROLLBACK) {
            // Completing, or completed (a broadcast from another synchronization's afterCompletion):
            // what it says has been decided already.
            return false;
        }
        Pending pending = (Pending) registry.getResource(this);
        if (pending == null) {
            if (status == Status.STATUS_MARKED_ROLLBACK) {
                drop.accept("the transaction it was made in is marked for rollback");
                return true;
            }
            pending = new Pending();
            try {
                registry.registerInterposedSynchronization(pending);
            } catch (IllegalStateException notActive) {
                // Rolled back meanwhile (a timeout, say): sending now could tell what never happened.
                drop.accept("the transaction it was made in could not take it (" + notActive.getMessage() + ")");
                return true;
            }
            registry.putResource(this, pending);
        }
        pending.add(send, drop);
        return true;
    }

    @Override
    public Object current() {
        return registry.getTransactionKey();
    }

    /** The broadcasts of one transaction, in the order they were made. */
    static final class Pending implements Synchronization {

        private final List<Runnable> sends = new ArrayList<>();
        private final List<Consumer<String>> drops = new ArrayList<>();

        synchronized void add(Runnable send, Consumer<String> drop) {
            sends.add(send);
            drops.add(drop);
        }

        @Override
        public void beforeCompletion() {}

        @Override
        public void afterCompletion(int status) {
            List<Runnable> toSend;
            List<Consumer<String>> toDrop;
            synchronized (this) {
                toSend = List.copyOf(sends);
                toDrop = List.copyOf(drops);
                sends.clear();
                drops.clear();
            }
            if (status == Status.STATUS_COMMITTED) {
                toSend.forEach(send -> Transactions.run(send, "A broadcast"));
            } else {
                String why = "the transaction it was made in "
                        + (status == Status.STATUS_ROLLEDBACK
                                ? "rolled back"
                                : "ended without a commit (JTA status " + status + ")");
                toDrop.forEach(drop -> Transactions.run(() -> drop.accept(why), "Dropping a broadcast"));
            }
        }
    }
}
