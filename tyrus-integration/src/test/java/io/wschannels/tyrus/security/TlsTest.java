package io.wschannels.tyrus.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wschannels.testing.RunningServer;
import io.wschannels.testing.TestClient;
import io.wschannels.tyrus.ChannelServer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The standalone server with a key store serves wss:// (and https://), with a certificate the test makes. */
class TlsTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;

    private static Path keyStore;

    @RegisterExtension
    static final RunningServer server = RunningServer.with(builder ->
            builder.tls(makeKeyStore(), PASSWORD).staticFiles("testweb").beanClasses(HomeChannel.class));

    /** A self-signed certificate for localhost, made with the JDK's keytool. */
    private static Path makeKeyStore() throws Exception {
        keyStore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-keyalg",
                        "RSA",
                        "-keysize",
                        "2048",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        keyStore.toString(),
                        "-storepass",
                        new String(PASSWORD),
                        "-alias",
                        "server",
                        "-dname",
                        "CN=localhost",
                        "-ext",
                        "SAN=dns:localhost,ip:127.0.0.1")
                .redirectErrorStream(true)
                .start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, "keytool failed: " + output);
        return keyStore;
    }

    /** Trusts exactly the server's self-signed certificate. */
    private static SSLContext trustingTheServer() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    @Test
    void servesSecureWebSocketsAndNamesThemSo() throws Exception {
        assertEquals("wss", server.webSocketUri("/home").getScheme());
        assertEquals("https", server.uri().getScheme());
        try (TestClient client = TestClient.connect(server.webSocketUri("/home"), trustingTheServer())) {
            assertEquals("welcome home", client.awaitText());
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateCannotConnect() {
        Throwable failure = assertThrows(
                ExecutionException.class,
                () -> TestClient.tryConnect(server.webSocketUri("/home")).get(10, TimeUnit.SECONDS));
        assertTrue(failure.getCause() instanceof SSLHandshakeException, String.valueOf(failure.getCause()));
    }

    @Test
    void plainWebSocketsAreNotServedOnTheSecurePort() throws Exception {
        URI plain = URI.create(server.webSocketUri("/home").toString().replace("wss://", "ws://"));
        assertThrows(
                ExecutionException.class, () -> TestClient.tryConnect(plain).get(10, TimeUnit.SECONDS));
    }

    @Test
    void staticFilesComeOverHttps() throws Exception {
        HttpResponse<String> page = HttpClient.newBuilder()
                .sslContext(trustingTheServer())
                .build()
                .send(HttpRequest.newBuilder(server.uri()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(!page.body().isEmpty(), "the index page");
    }

    @Test
    void aWrongKeyStorePasswordIsRefusedWithAMessageThatSaysHowToMakeAKeyStore() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> ChannelServer.builder().tls(keyStore, "wrong".toCharArray()));
        assertTrue(
                e.getMessage().contains(keyStore.toAbsolutePath().toString())
                        && e.getMessage().contains("keytool"),
                e.getMessage());
    }
}
