package io.wschannels.it.server;

import io.wschannels.examples.chat.ChatChannel;
import io.wschannels.it.app.Broadcaster;
import io.wschannels.it.app.HeartbeatChannel;
import io.wschannels.it.app.PlainEndpoint;
import io.wschannels.it.app.ProbeChannel;
import io.wschannels.it.app.PushResource;
import io.wschannels.it.app.RestApplication;
import io.wschannels.it.app.Ticker;
import io.wschannels.it.app.Visits;
import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The WARs deployed to the servers, built the way an application is: the library's two jars in
 * WEB-INF/lib, the application's classes, and no web.xml and no beans.xml.
 */
final class Wars {

    private Wars() {}

    /** The library as an application ships it: the jars the build just made. */
    static WebArchive withLibrary(String name) {
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addAsLibrary(jar("channels.api.jar"))
                .addAsLibrary(jar("channels.cdi.jar"));
    }

    static WebArchive app() {
        return withLibrary("app")
                .addAsLibrary(jar("channels.jwt.jar"))
                .addAsLibrary(jarOf(com.nimbusds.jose.JWSAlgorithm.class))
                .addClasses(io.wschannels.it.app.SecureChannel.class, io.wschannels.it.app.Tokens.class)
                .addClasses(io.wschannels.it.app.TypedProbe.class, io.wschannels.it.app.BatchProbe.class)
                .addClasses(ChatChannel.class)
                .addClasses(
                        ProbeChannel.class,
                        Visits.class,
                        Broadcaster.class,
                        PushResource.class,
                        RestApplication.class,
                        io.wschannels.it.app.LogMarker.class,
                        PlainEndpoint.class,
                        Ticker.class,
                        HeartbeatChannel.class,
                        io.wschannels.it.app.HeldBatch.class);
    }

    /** Orders paid in transactions of the server's kinds, and the channel that tells their rooms. */
    static WebArchive orders() {
        return withLibrary("orders")
                .addClasses(
                        io.wschannels.it.app.OrdersChannel.class,
                        io.wschannels.it.app.Orders.class,
                        io.wschannels.it.app.PaidOrders.class,
                        io.wschannels.it.app.TransactionalOrders.class,
                        io.wschannels.it.app.OrdersResource.class,
                        RestApplication.class);
    }

    /**
     * The chat and the pushing beans with channels-redis, its Redis URL in the WAR's
     * microprofile-config.properties, as an application deployed to several servers ships.
     */
    static WebArchive clustered(String redisUrl) {
        WebArchive war = withLibrary("cluster")
                .addAsLibrary(jar("channels.redis.jar"))
                .addClasses(
                        ChatChannel.class, Broadcaster.class, PushResource.class, RestApplication.class, Visits.class)
                .addAsResource(
                        new org.jboss.shrinkwrap.api.asset.StringAsset("channels.redis.url=" + redisUrl + "\n"),
                        "META-INF/microprofile-config.properties");
        File libs = new File(System.getProperty("channels.redis.libs", "target/redis-libs"));
        File[] jars = libs.listFiles((dir, name) -> name.endsWith(".jar"));
        if (jars == null || jars.length == 0) {
            throw new IllegalStateException(
                    libs + " holds no jars: run the tests with 'mvn verify' from the repository root");
        }
        for (File jar : jars) {
            war.addAsLibrary(jar);
        }
        return war;
    }

    /** The jar a class was loaded from (a dependency in the local Maven repository). */
    private static JavaArchive jarOf(Class<?> type) {
        try {
            File file = new File(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
            return ShrinkWrap.createFromZipFile(JavaArchive.class, file);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JavaArchive jar(String property) {
        String path = System.getProperty(property);
        if (path == null || !new File(path).isFile()) {
            throw new IllegalStateException("System property " + property + " must name a built jar (got " + path
                    + "); run the tests with 'mvn verify' from the repository root");
        }
        return ShrinkWrap.createFromZipFile(JavaArchive.class, new File(path));
    }
}
