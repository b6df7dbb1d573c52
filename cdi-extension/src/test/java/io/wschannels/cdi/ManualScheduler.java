package io.wschannels.cdi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A scheduler whose time stands still until the test moves it: tasks run on the test's thread,
 * in the order they are due, when the test calls {@link #advance} or {@link #runDue()}. Its
 * {@link #clock()} is the time it keeps, in nanoseconds.
 */
public final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private long now = 1_000_000_000L;
    private long sequence;
    private final PriorityQueue<Task> tasks =
            new PriorityQueue<>(Comparator.comparingLong((Task t) -> t.at).thenComparingLong(t -> t.order));
    private boolean shutdown;

    /** @return the time this scheduler keeps */
    public LongSupplier clock() {
        return () -> now;
    }

    /** Moves time forward, running every task that falls due on the way. */
    public void advance(long amount, TimeUnit unit) {
        long until = now + unit.toNanos(amount);
        while (!tasks.isEmpty() && tasks.peek().at <= until) {
            Task task = tasks.poll();
            now = Math.max(now, task.at);
            task.run();
        }
        now = until;
    }

    /** Runs what is due now, including what those tasks schedule to run at once. */
    public void runDue() {
        advance(0, TimeUnit.NANOSECONDS);
    }

    /** @return how many tasks wait, periodic ones included */
    public int waiting() {
        return tasks.size();
    }

    private final class Task implements ScheduledFuture<Object> {
        final Runnable work;
        final long period;
        long at;
        final long order = sequence++;
        boolean cancelled;
        boolean done;

        Task(Runnable work, long at, long period) {
            this.work = work;
            this.at = at;
            this.period = period;
        }

        void run() {
            if (cancelled) {
                return;
            }
            work.run();
            if (period > 0 && !cancelled) {
                at = now + period;
                tasks.add(this);
            } else {
                done = true;
            }
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(at - now, TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            cancelled = true;
            return tasks.remove(this);
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public Object get() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            throw new UnsupportedOperationException();
        }
    }

    private ScheduledFuture<?> add(Runnable work, long delay, TimeUnit unit, long period) {
        if (shutdown) {
            throw new RejectedExecutionException("shut down");
        }
        Task task = new Task(work, now + Math.max(0, unit.toNanos(delay)), period);
        tasks.add(task);
        return task;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return add(command, delay, unit, 0);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return add(command, initialDelay, unit, unit.toNanos(period));
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return add(command, initialDelay, unit, unit.toNanos(delay));
    }

    @Override
    public void execute(Runnable command) {
        add(command, 0, TimeUnit.NANOSECONDS, 0);
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> left = new ArrayList<>();
        tasks.forEach(t -> left.add(t.work));
        tasks.clear();
        return left;
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown && tasks.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }
}
