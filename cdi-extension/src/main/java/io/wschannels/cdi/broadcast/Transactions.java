package io.wschannels.cdi.broadcast;

import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Binds broadcasts to the caller's JTA transaction, where the server has JTA: a broadcast made
 * while one is active leaves after it commits, or never. Without JTA (the standalone server),
 * {@link #NONE}: every broadcast leaves at once.
 */
interface Transactions {

    /** No transactions: nothing is ever deferred. */
    Transactions NONE = new Transactions() {
        @Override
        public boolean defer(Runnable send, Consumer<String> drop) {
            return false;
        }

        @Override
        public Object current() {
            return null;
        }
    };

    /**
     * Defers a broadcast to the end of the calling thread's transaction, if one is active.
     *
     * @param send sends the broadcast; run after the transaction commits
     * @param drop told why the broadcast will never be sent, when the transaction does not commit
     * @return {@code false} when no transaction is active (the caller sends at once)
     */
    boolean defer(Runnable send, Consumer<String> drop);

    /** @return the calling thread's transaction, as a key to compare, or {@code null} */
    Object current();

    /**
     * The server's transactions, found once in JNDI where the standard name is bound (every Jakarta
     * EE server); {@link #NONE} where JTA's API or the name is missing. Must run on a thread of the
     * web application (its {@code java:comp} context), as registration does.
     */
    static Transactions find() {
        try {
            // By name: this interface must load where JTA's API is absent.
            Class.forName(
                    "jakarta.transaction.TransactionSynchronizationRegistry",
                    false,
                    Transactions.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError absent) {
            Logger.getLogger(Transactions.class.getName())
                    .fine("No JTA API on the classpath: broadcasts leave at once");
            return NONE;
        }
        return JtaTransactions.lookup();
    }

    /** Logged, never thrown: a failure of one deferred broadcast must not stop the others. */
    static void run(Runnable step, String what) {
        try {
            step.run();
        } catch (RuntimeException | Error e) {
            Logger.getLogger(Transactions.class.getName())
                    .log(Level.WARNING, what + " failed after the transaction ended", e);
        }
    }
}
