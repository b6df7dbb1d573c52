package io.wschannels.tyrus;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Captures the records of one logger while attached. */
final class LogRecorder extends Handler implements AutoCloseable {

    private final Logger logger;
    private final BlockingQueue<LogRecord> records = new LinkedBlockingQueue<>();

    LogRecorder(String loggerName) {
        this.logger = Logger.getLogger(loggerName);
        logger.addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    /** Waits for a record that matches. */
    LogRecord await(Predicate<LogRecord> matching) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            LogRecord record = records.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (record != null && matching.test(record)) {
                return record;
            }
        }
        return fail("No matching log record on " + logger.getName() + " within 10 s");
    }

    /** Everything recorded so far. */
    java.util.List<LogRecord> records() {
        return java.util.List.copyOf(records);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
