package io.wschannels.it.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wschannels.it.secured.BasicLogin;
import io.wschannels.it.secured.WhoAmIChannel;
import io.wschannels.testing.TestClient;
import io.wschannels.testing.Upgrade;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An {@code @Authenticated} channel in an application that authenticates with Jakarta Security
 * (HTTP Basic and an identity store) and has no token verifier: the user the server authenticated
 * for the handshake is the connection's user.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ContainerUserOnServerIT {

    @Deployment(name = "secured", testable = false)
    static WebArchive secured() {
        return Wars.withLibrary("secured").addClasses(WhoAmIChannel.class, BasicLogin.class);
    }

    @ArquillianResource
    URL app;

    private static Map<String, String> basic(String user, String password) {
        return Map.of(
                "Authorization",
                "Basic "
                        + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theUserTheServerAuthenticatedIsTheConnectionsUser() {
        try (TestClient client =
                TestClient.connect(ApplicationOnServerIT.ws(app, "/whoami"), basic("carol", "secret"))) {
            assertEquals("user=carol registry=carol", client.awaitText());
        }
    }

    @Test
    void withoutCredentialsOrWithWrongOnesTheClientIsRefusedBeforeTheUpgrade() throws Exception {
        Upgrade.Answer none = Upgrade.request(ApplicationOnServerIT.ws(app, "/whoami"), Map.of());
        assertEquals(401, none.status(), none.toString());
        assertEquals("{\"type\":\"error\",\"message\":\"No token provided\",\"code\":\"unauthorized\"}", none.body());
        Upgrade.Answer wrong = Upgrade.request(ApplicationOnServerIT.ws(app, "/whoami"), basic("carol", "guess"));
        assertEquals(401, wrong.status(), wrong.toString());
    }
}
