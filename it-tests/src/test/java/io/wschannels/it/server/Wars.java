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

    private Wars() {
    }

    /** The library as an application ships it: the jars the build just made. */
    static WebArchive withLibrary(String name) {
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addAsLibrary(jar("channels.api.jar"))
                .addAsLibrary(jar("channels.cdi.jar"));
    }

    static WebArchive app() {
        return withLibrary("app")
                .addClasses(ChatChannel.class)
                .addClasses(ProbeChannel.class, Visits.class, Broadcaster.class, PushResource.class,
                        RestApplication.class, PlainEndpoint.class, Ticker.class, HeartbeatChannel.class);
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
