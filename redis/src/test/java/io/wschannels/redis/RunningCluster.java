package io.wschannels.redis;

import io.wschannels.testing.RedisServer;
import io.wschannels.tyrus.ChannelServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@code redis-server} and standalone servers in this JVM sharing it through
 * {@link RedisTransport}, for one test class: started before its first test, closed after its last.
 */
final class RunningCluster implements BeforeAllCallback, AfterAllCallback {

    private final int size;
    private final Class<?>[] beanClasses;
    private Integer presenceTtlSeconds;
    private RedisServer redis;
    private final List<ChannelServer> nodes = new ArrayList<>();

    private RunningCluster(int size, Class<?>[] beanClasses) {
        this.size = size;
        this.beanClasses = beanClasses;
    }

    /** @return {@code size} servers deploying these classes and the Redis transport */
    static RunningCluster of(int size, Class<?>... beanClasses) {
        return new RunningCluster(size, beanClasses);
    }

    /** @return the same, with presence entries of a dead server outliving it by this long */
    RunningCluster presenceTtl(int seconds) {
        this.presenceTtlSeconds = seconds;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        redis = RedisServer.start();
        List<Class<?>> classes = new ArrayList<>(List.of(beanClasses));
        classes.add(RedisTransport.class);
        System.setProperty(RedisTransport.URL, redis.url());
        if (presenceTtlSeconds != null) {
            System.setProperty(RedisTransport.PRESENCE_TTL, presenceTtlSeconds.toString());
        }
        try {
            for (int i = 0; i < size; i++) {
                nodes.add(ChannelServer.builder()
                        .port(0)
                        .beanClasses(classes.toArray(Class<?>[]::new))
                        .health(true)
                        .start());
            }
        } finally {
            System.clearProperty(RedisTransport.URL);
            System.clearProperty(RedisTransport.PRESENCE_TTL);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        nodes.forEach(ChannelServer::close);
        nodes.clear();
        if (redis != null) {
            redis.close();
        }
    }

    ChannelServer node(int index) {
        return nodes.get(index);
    }

    /** @return node {@code index}'s readiness endpoint */
    URI health(int index) {
        return URI.create("http://localhost:" + nodes.get(index).port() + "/health");
    }

    RedisServer redis() {
        return redis;
    }
}
