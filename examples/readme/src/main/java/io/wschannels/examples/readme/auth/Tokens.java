package io.wschannels.examples.readme.auth;

import io.wschannels.TokenVerifier;
import io.wschannels.jwt.JwtVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

// tag::verifier[]
@ApplicationScoped
public class Tokens {
    @Produces
    TokenVerifier verifier() { // module channels-jwt: HS256 or RS256 JWTs
        return JwtVerifier.hs256(System.getenv("JWT_SECRET"))
                .issuer("https://login.example.com")
                .build();
    }
}
// end::verifier[]
