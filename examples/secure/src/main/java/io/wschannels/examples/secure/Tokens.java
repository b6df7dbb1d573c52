package io.wschannels.examples.secure;

import io.wschannels.TokenVerifier;
import io.wschannels.jwt.JwtVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * The application's token verifier: JWTs signed with HS256 by the login service, whose secret the
 * server reads from the {@code JWT_SECRET} environment variable (or the {@code jwt.secret} system
 * property). The producer is {@code @Dependent}, so the runtime creates the verifier once, when it
 * starts: without a secret the server does not start, rather than refusing every user later.
 */
@ApplicationScoped
public class Tokens {

    /** The system property that overrides {@code JWT_SECRET}. */
    public static final String SECRET_PROPERTY = "jwt.secret";

    @Produces
    TokenVerifier verifier() {
        String secret = System.getProperty(SECRET_PROPERTY, System.getenv("JWT_SECRET"));
        if (secret == null) {
            throw new IllegalStateException("Set the JWT_SECRET environment variable (or -D" + SECRET_PROPERTY
                    + ") to the login service's HS256 secret, at least 32 bytes");
        }
        return JwtVerifier.hs256(secret).issuer("https://login.example.com").build();
    }
}
