package io.wschannels.tyrus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * A Redis URL given to an application without {@code channels-redis} (this module's classpath has
 * none) is said at start with what to add, instead of leaving each server alone unnoticed.
 */
class UnusedSettingsTest {

    private static final String URL = "channels.redis.url";

    private static boolean aboutRedis(LogRecord record) {
        return record.getMessage() != null && record.getMessage().startsWith(URL + " is set");
    }

    @Test
    void aRedisUrlWithoutTheRedisModuleIsAWarningNamingTheModule() throws Exception {
        System.setProperty(URL, "redis://redis.internal:6379");
        try (LogRecorder log = new LogRecorder("io.wschannels.cdi");
                ChannelServer server = ChannelServer.builder()
                        .port(0)
                        .beanClasses(SmallMessagesChannel.class)
                        .start()) {
            LogRecord warning = log.await(UnusedSettingsTest::aboutRedis);
            assertEquals(Level.WARNING, warning.getLevel());
            assertEquals(
                    URL + " is set (redis://redis.internal:6379) but channels-redis is not on the application's"
                            + " classpath: broadcasts reach this server's connections only, and no other server hears"
                            + " of them. Add the dependency io.wschannels:channels-redis to the application.",
                    warning.getMessage());
        } finally {
            System.clearProperty(URL);
        }
    }

    @Test
    void withoutAUrlNothingIsSaid() throws Exception {
        try (LogRecorder log = new LogRecorder("io.wschannels.cdi");
                ChannelServer server = ChannelServer.builder()
                        .port(0)
                        .beanClasses(SmallMessagesChannel.class)
                        .start()) {
            assertTrue(server.routes().size() > 0);
            assertTrue(log.records().stream().noneMatch(UnusedSettingsTest::aboutRedis), "no warning");
        }
    }
}
