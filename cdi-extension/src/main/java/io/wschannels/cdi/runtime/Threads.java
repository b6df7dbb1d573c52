package io.wschannels.cdi.runtime;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The threads the runtime runs its own work on (heartbeats, idle checks, batches): a small pool of
 * its own, {@link #size()} threads, made by the server's default managed thread factory where there
 * is one (Jakarta EE servers must not have applications start unmanaged threads; the factory's
 * threads carry the application's context), else daemon threads. Not the server's default managed
 * scheduled executor: that one is shared by every application on the server and sized by the
 * server, and GlassFish's has a single thread, so one slow {@code onBatch} anywhere would hold up every
 * channel's heartbeats. Created on first use, which is at deployment, where the application's
 * context is at hand: the threads are started then. Stopped at shutdown.
 */
public final class Threads {

    private static final Logger LOG = Logger.getLogger(Threads.class.getName());
    private static final String MANAGED = "java:comp/DefaultManagedThreadFactory";

    private final LongSupplier clock;
    private ScheduledExecutorService scheduler;
    private boolean own;

    /** Threads of its own, managed ones on a server; time from {@link System#nanoTime()}. */
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
            ThreadFactory managed = managed();
            ScheduledThreadPoolExecutor pool;
            if (managed != null) {
                pool = new ScheduledThreadPoolExecutor(size(), managed);
                // Started here, on the deploying thread: a factory may take the context of the
                // thread that asks it for a thread, and later that may be a container's I/O thread.
                pool.prestartAllCoreThreads();
            } else {
                AtomicInteger count = new AtomicInteger();
                pool = new ScheduledThreadPoolExecutor(size(), runnable -> {
                    Thread thread = new Thread(runnable, "channels-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
            }
            pool.setRemoveOnCancelPolicy(true);
            own = true;
            scheduler = pool;
        }
        return scheduler;
    }

    /** @return how many threads the runtime's pool has: one per processor, at least two */
    static int size() {
        return Math.max(2, Runtime.getRuntime().availableProcessors());
    }

    /** Stops the runtime's threads; a scheduler handed over by a test is left alone. */
    public synchronized void stop() {
        if (own && scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private static ThreadFactory managed() {
        try {
            Object managed = new InitialContext().lookup(MANAGED);
            if (managed instanceof ThreadFactory factory) {
                return factory;
            }
        } catch (NamingException | RuntimeException | NoClassDefFoundError notAServer) {
            LOG.log(Level.FINE, "No " + MANAGED + ": the runtime's threads are plain daemon threads", notAServer);
        }
        return null;
    }
}
