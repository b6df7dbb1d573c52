package io.wschannels.redis;

import io.wschannels.testing.RedisServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The cluster scenarios on three server processes of their own sharing one real Redis: nothing
 * shared but Redis and the network, as in production. {@link ClusterTest} runs the same scenarios
 * on three servers in one JVM.
 */
class ClusterOfProcessesTest extends ClusterScenarios {

    private static RedisServer redis;
    private static final List<NodeProcess> NODES = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.start();
        for (int i = 0; i < 3; i++) {
            NODES.add(NodeProcess.start(redis.url(), 15));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (NodeProcess node : NODES) {
            node.close();
        }
        redis.close();
    }

    @Override
    URI node(int index) {
        return NODES.get(index).ws();
    }
}
