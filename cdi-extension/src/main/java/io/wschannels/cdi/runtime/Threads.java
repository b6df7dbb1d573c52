package io.wschannels.cdi.runtime;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The threads the runtime runs its own work on (heartbeats, idle checks, batches): the server's
 * default managed scheduled executor where there is one (Jakarta EE servers must not have
 * applications start their own threads), else a small pool of daemon threads of its own. Created
 * on first use.
 */
public final class Threads {

    private static final Logger LOG = Logger.getLogger(Threads.class.getName());
    private static final String MANAGED = "java:comp/DefaultManagedScheduledExecutorService";

    private final LongSupplier clock;
    private ScheduledExecutorService scheduler;
    private boolean own;

    /** The server's managed executor, else threads of its own; time from {@link System#nanoTime()}. */
    public Threads() {
        this.clock = System::nanoTime;
    }

    /** For tests: a given scheduler (left running at {@link #stop()}) and clock. */
    Threads(ScheduledExecutorService scheduler, LongSupplier clock) {
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** @return the time in nanoseconds, as {@link System#nanoTime()} tells it; what every timeout is measured on */
    public LongSupplier clock() {
        return clock;
    }

    /** @return the scheduler, created on first use */
    public synchronized ScheduledExecutorService scheduler() {
        if (scheduler == null) {
            scheduler = managed();
            if (scheduler == null) {
                own = true;
                AtomicInteger count = new AtomicInteger();
                scheduler = Executors.newScheduledThreadPool(
                        Math.max(2, Runtime.getRuntime().availableProcessors()), runnable -> {
                            Thread thread = new Thread(runnable, "channels-" + count.incrementAndGet());
                            thread.setDaemon(true);
                            return thread;
                        });
            }
        }
        return scheduler;
    }

    /** Stops the runtime's own threads; a managed executor belongs to the server and is left alone. */
    public synchronized void stop() {
        if (own && scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private static ScheduledExecutorService managed() {
        try {
            Object managed = new InitialContext().lookup(MANAGED);
            if (managed instanceof ScheduledExecutorService executor) {
                return executor;
            }
        } catch (NamingException | RuntimeException | NoClassDefFoundError notAServer) {
            LOG.log(Level.FINE, "No " + MANAGED + ": the runtime uses threads of its own", notAServer);
        }
        return null;
    }
}
