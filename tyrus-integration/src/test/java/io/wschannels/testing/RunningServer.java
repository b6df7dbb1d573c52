package io.wschannels.testing;

import io.wschannels.Channel;
import io.wschannels.Presence;
import io.wschannels.Registry;
import io.wschannels.tyrus.ChannelServer;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A standalone channel server for one test class, on a free port: started before the class's first
 * test, closed after its last, whether the tests pass or fail.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RunningServer server = RunningServer.with(builder -> builder.beanClasses(TypedChannel.class));
 *
 * TestClient client = TestClient.connect(server.webSocketUri("/typed"));
 * }</pre>
 */
public final class RunningServer implements BeforeAllCallback, AfterAllCallback {

    /** What a test class sets on the server's builder, beyond the free port. */
    @FunctionalInterface
    public interface Settings {
        void apply(ChannelServer.Builder builder) throws Exception;
    }

    private final Settings settings;
    private ChannelServer server;
    private int port;

    private RunningServer(Settings settings) {
        this.settings = settings;
    }

    /** @return a server with these settings */
    public static RunningServer with(Settings settings) {
        return new RunningServer(settings);
    }

    /** @return a server that deploys every bean archive of the test's classpath */
    public static RunningServer discovering() {
        return new RunningServer(builder -> {});
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = start(0);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    private ChannelServer start(int port) throws Exception {
        ChannelServer.Builder builder = ChannelServer.builder();
        settings.apply(builder);
        return builder.port(port).start();
    }

    /** Stops the server in the middle of the tests, as an operator would; {@link #startAgain()} brings it back. */
    public void stop() {
        port = get().port();
        server.close();
        server = null;
    }

    /** Starts the server again on the port it had, after {@link #stop()}. */
    public void startAgain() throws Exception {
        if (server != null) {
            throw new IllegalStateException("The server runs: stop() it first");
        }
        server = start(port);
    }

    /** @return the running server */
    public ChannelServer get() {
        if (server == null) {
            throw new IllegalStateException("The server runs from the test class's first test to its last: register"
                    + " it with @RegisterExtension on a static field");
        }
        return server;
    }

    public URI webSocketUri(String path) {
        return get().webSocketUri(path);
    }

    public URI uri() {
        return get().uri();
    }

    public int port() {
        return get().port();
    }

    public <C extends Channel> Registry<C> registry(Class<C> channel) {
        return get().registry(channel);
    }

    public <C extends Channel> Presence<C> presence(Class<C> channel) {
        return get().presence(channel);
    }

    public <T> T bean(Class<T> type) {
        return get().bean(type);
    }

    public List<String> routes() {
        return get().routes();
    }

    public int openConnections() {
        return get().openConnections();
    }
}
