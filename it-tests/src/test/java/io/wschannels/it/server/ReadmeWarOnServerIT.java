package io.wschannels.it.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wschannels.testing.TestClient;
import java.io.File;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The WAR of the README, as {@code mvn package} made it from its own pom.xml (examples/war), serves
 * its channel at the address the README gives: {@code ws://host:port/hello/greet/ann}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ReadmeWarOnServerIT {

    @Deployment(testable = false)
    static WebArchive readme() {
        File war = new File(System.getProperty("readme.war", "target/readme/war/target/hello.war"));
        if (!war.isFile()) {
            throw new IllegalStateException(
                    war + " is missing: the build makes it from examples/war (maven-invoker-plugin"
                            + " in pre-integration-test); run 'mvn verify' from the repository root");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }

    @ArquillianResource
    URL app;

    @Test
    void theReadmesChannelAnswersAtTheContextRootOfTheWarsName() {
        assertEquals("/hello/", app.getPath(), "the context root is the WAR's name");
        try (TestClient ann = TestClient.connect(ApplicationOnServerIT.ws(app, "/greet/ann"))) {
            assertEquals("Hello, ann!", ann.awaitText());
            ann.send("are you there?");
            assertEquals("are you there?", ann.awaitText());
        }
    }
}
