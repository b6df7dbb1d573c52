package io.wschannels.it.app;

import io.wschannels.TokenVerifier;
import io.wschannels.jwt.JwtVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.nio.charset.StandardCharsets;

/** The application's token verifier: HS256 with a secret shared with the (test) login service. */
@ApplicationScoped
public class Tokens {

    public static final byte[] SECRET = "it-tests-secret-it-tests-secret-it".getBytes(StandardCharsets.UTF_8);

    @Produces
    @ApplicationScoped
    TokenVerifier verifier() {
        return JwtVerifier.hs256(SECRET).build();
    }
}
