package io.wschannels.tyrus.netty;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Flushes held until the end of their I/O thread's turn, one list per thread, run by one task: the
 * task runs after the turn's reads, so the broadcasts read in one turn are queued on every
 * recipient before any is written, and leave together.
 */
final class TurnFlushes {

    private static final Logger LOG = Logger.getLogger(TurnFlushes.class.getName());

    private static final FastThreadLocal<List<Runnable>> WAITING = new FastThreadLocal<>() {
        @Override
        protected List<Runnable> initialValue() {
            return new ArrayList<>();
        }
    };

    private TurnFlushes() {}

    /**
     * @param loop the I/O thread of the connection to flush
     * @param flush what to run at the end of its turn
     * @return {@code false} if the caller must run it now: not on that thread, or the thread takes
     *     no more tasks (shutting down)
     */
    static boolean offer(EventLoop loop, Runnable flush) {
        if (!loop.inEventLoop()) {
            return false;
        }
        List<Runnable> waiting = WAITING.get();
        if (waiting.isEmpty()) {
            try {
                loop.execute(TurnFlushes::runWaiting);
            } catch (RejectedExecutionException shuttingDown) {
                return false;
            }
        }
        waiting.add(flush);
        return true;
    }

    private static void runWaiting() {
        List<Runnable> waiting = WAITING.get();
        Runnable[] now = waiting.toArray(Runnable[]::new);
        waiting.clear();
        for (Runnable flush : now) {
            try {
                flush.run();
            } catch (RuntimeException e) {
                // One connection's failure must not keep the others' messages waiting.
                LOG.log(Level.WARNING, "Writing waiting frames failed", e);
            }
        }
    }
}
