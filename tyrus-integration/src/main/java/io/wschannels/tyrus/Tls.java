package io.wschannels.tyrus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** The standalone server's TLS context, from a key store with its key and certificate. */
final class Tls {

    private Tls() {}

    static SSLContext context(Path keyStore, char[] password) {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(password, "password");
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(in, password);
            return context(store, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "Cannot read the key store " + keyStore.toAbsolutePath() + ": " + e
                            + ". Is the password right? Make one with: keytool -genkeypair -keyalg RSA -keysize 2048"
                            + " -storetype PKCS12 -keystore server.p12 -alias server -dname CN=localhost",
                    e);
        }
    }

    static SSLContext context(KeyStore keyStore, char[] keyPassword) {
        try {
            boolean hasKey = false;
            for (String alias : Collections.list(keyStore.aliases())) {
                hasKey |= keyStore.isKeyEntry(alias);
            }
            if (!hasKey) {
                throw new IllegalArgumentException("The key store holds no private key, only certificates: the"
                        + " server needs its own key and certificate");
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, keyPassword);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot use the key store for TLS: " + e, e);
        }
    }
}
