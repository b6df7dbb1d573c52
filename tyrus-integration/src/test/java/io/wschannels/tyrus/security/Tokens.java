package io.wschannels.tyrus.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.wschannels.TokenVerifier;
import io.wschannels.jwt.JwtVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;

/** The application's token verifier, and tokens for the tests signed like a login service would. */
@ApplicationScoped
public class Tokens {

    static final byte[] SECRET = "test-secret-test-secret-test-secret!".getBytes(StandardCharsets.UTF_8);
    static final byte[] WRONG_SECRET = "another-secret-another-secret-another".getBytes(StandardCharsets.UTF_8);

    /** How many tokens the verifier has been asked about. */
    static final AtomicInteger VERIFIED = new AtomicInteger();

    @Produces
    @ApplicationScoped
    TokenVerifier verifier() {
        TokenVerifier jwt = JwtVerifier.hs256(SECRET).clockSkew(Duration.ZERO).build();
        return token -> {
            VERIFIED.incrementAndGet();
            return jwt.verify(token);
        };
    }

    static String valid(String user) {
        return sign(SECRET, user, Instant.now().plusSeconds(300));
    }

    static String expired(String user) {
        return sign(SECRET, user, Instant.now().minusSeconds(5));
    }

    static String wronglySigned(String user) {
        return sign(WRONG_SECRET, user, Instant.now().plusSeconds(300));
    }

    static String sign(byte[] secret, String user, Instant expires) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader(JWSAlgorithm.HS256),
                    new JWTClaimsSet.Builder()
                            .subject(user)
                            .expirationTime(Date.from(expires))
                            .build());
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
