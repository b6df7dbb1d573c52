package io.wschannels.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import io.wschannels.InvalidTokenException;
import io.wschannels.TokenVerifier;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@link TokenVerifier} for JSON Web Tokens (RFC 7519) signed with HS256 (a shared secret) or
 * RS256 (an RSA key pair; the server holds only the public key), built on Nimbus JOSE + JWT.
 * Produce it as a bean:
 *
 * <pre>{@code
 * @Produces @ApplicationScoped
 * TokenVerifier tokens() {
 *     return JwtVerifier.hs256(System.getenv("JWT_SECRET"))
 *             .issuer("https://login.example.com")
 *             .build();
 * }
 * }</pre>
 *
 * <p>A token is accepted when its signature is valid with the configured algorithm (no other
 * algorithm, and never {@code none}), it has not expired ({@code exp} is required unless
 * {@link Builder#expirationRequired(boolean)} says otherwise), {@code nbf} has passed, issuer and
 * audience match when configured (each within the clock skew, 60 s by default), and it names a
 * user in the user claim ({@code sub} by default). Clients are told {@code "Token expired"} for an
 * expired token and {@code "Invalid token"} for every other fault; the details go to the log at
 * {@code FINE}, without the token.
 */
public final class JwtVerifier implements TokenVerifier {

    private static final Logger LOG = Logger.getLogger(JwtVerifier.class.getName());

    private final DefaultJWTProcessor<SecurityContext> processor;
    private final String userClaim;

    private JwtVerifier(DefaultJWTProcessor<SecurityContext> processor, String userClaim) {
        this.processor = processor;
        this.userClaim = userClaim;
    }

    /**
     * Tokens signed with HMAC SHA-256 and a shared secret.
     *
     * @param secret at least 32 bytes (256 bits), as RFC 7518 requires for HS256
     * @return a builder
     * @throws IllegalArgumentException if the secret is shorter
     */
    public static Builder hs256(byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < 32) {
            throw new IllegalArgumentException("An HS256 secret must have at least 32 bytes (256 bits); this one has "
                    + secret.length + ". Generate one with: openssl rand -base64 32");
        }
        return new Builder(JWSAlgorithm.HS256, new ImmutableSecret<>(secret.clone()));
    }

    /**
     * Tokens signed with HMAC SHA-256 and a shared secret, given as text (its UTF-8 bytes).
     *
     * @param secret at least 32 bytes in UTF-8
     * @return a builder
     */
    public static Builder hs256(String secret) {
        Objects.requireNonNull(secret, "secret: is the environment variable or setting that holds it missing?");
        return hs256(secret.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Tokens signed with RSA SHA-256, verified with the issuer's public key.
     *
     * @param publicKey the key, 2048 bits or more
     * @return a builder
     */
    public static Builder rs256(RSAPublicKey publicKey) {
        Objects.requireNonNull(publicKey, "publicKey");
        if (publicKey.getModulus().bitLength() < 2048) {
            throw new IllegalArgumentException("An RS256 key must have at least 2048 bits; this one has "
                    + publicKey.getModulus().bitLength());
        }
        return new Builder(
                JWSAlgorithm.RS256, new ImmutableJWKSet<>(new JWKSet(new RSAKey.Builder(publicKey).build())));
    }

    /**
     * Tokens signed with RSA SHA-256, verified with the issuer's public key in PEM form
     * ({@code -----BEGIN PUBLIC KEY-----}, as {@code openssl rsa -pubout} writes it).
     *
     * @param pem the public key
     * @return a builder
     * @throws IllegalArgumentException if it is not an RSA public key in PEM form
     */
    public static Builder rs256(String pem) {
        Objects.requireNonNull(pem, "pem");
        String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            return rs256((RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der)));
        } catch (IllegalArgumentException | ClassCastException | GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "Not an RSA public key in PEM form (-----BEGIN PUBLIC KEY----- ...):" + " " + e.getMessage(), e);
        }
    }

    @Override
    public JwtPrincipal verify(String token) throws InvalidTokenException {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ExpiredJWTException e) {
            throw new InvalidTokenException("Token expired", e);
        } catch (ParseException | BadJOSEException | JOSEException | RuntimeException e) {
            throw invalid(e);
        }
        Object user = claims.getClaim(userClaim);
        if (!(user instanceof String name) || name.isBlank()) {
            throw invalid(new IllegalArgumentException("the token has no " + userClaim + " claim naming the user"));
        }
        return new JwtPrincipal(name, claims.getClaims());
    }

    private static InvalidTokenException invalid(Exception why) {
        LOG.log(Level.FINE, () -> "Token refused: " + why);
        return new InvalidTokenException("Invalid token", why);
    }

    /** Settings for a {@link JwtVerifier}. */
    public static final class Builder {
        private final JWSAlgorithm algorithm;
        private final JWKSource<SecurityContext> keys;
        private String issuer;
        private String audience;
        private String userClaim = "sub";
        private Duration clockSkew = Duration.ofSeconds(60);
        private boolean expirationRequired = true;

        private Builder(JWSAlgorithm algorithm, JWKSource<SecurityContext> keys) {
            this.algorithm = algorithm;
            this.keys = keys;
        }

        /**
         * @param issuer the {@code iss} every token must carry; not checked when not set
         * @return this builder
         */
        public Builder issuer(String issuer) {
            this.issuer = Objects.requireNonNull(issuer, "issuer");
            return this;
        }

        /**
         * @param audience a value the token's {@code aud} must contain; not checked when not set
         * @return this builder
         */
        public Builder audience(String audience) {
            this.audience = Objects.requireNonNull(audience, "audience");
            return this;
        }

        /**
         * @param claim the claim that names the user, {@code sub} by default; its value becomes the
         *        principal's name and the user id in the registries
         * @return this builder
         */
        public Builder userClaim(String claim) {
            this.userClaim = Objects.requireNonNull(claim, "claim");
            return this;
        }

        /**
         * @param skew how far clocks of issuer and server may differ, 60 s by default
         * @return this builder
         */
        public Builder clockSkew(Duration skew) {
            if (skew.isNegative()) {
                throw new IllegalArgumentException("clock skew must not be negative: " + skew);
            }
            this.clockSkew = skew;
            return this;
        }

        /**
         * @param required whether tokens without {@code exp} are refused; {@code true} by default,
         *        since a token that never expires stays usable forever if it leaks
         * @return this builder
         */
        public Builder expirationRequired(boolean required) {
            this.expirationRequired = required;
            return this;
        }

        /** @return the verifier; thread-safe */
        public JwtVerifier build() {
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithm, keys));
            JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
            if (issuer != null) {
                exact.issuer(issuer);
            }
            Set<String> required = new HashSet<>();
            required.add(userClaim);
            if (expirationRequired) {
                required.add("exp");
            }
            DefaultJWTClaimsVerifier<SecurityContext> claims =
                    new DefaultJWTClaimsVerifier<>(audience, exact.build(), required);
            claims.setMaxClockSkew((int) Math.min(Integer.MAX_VALUE, clockSkew.toSeconds()));
            processor.setJWTClaimsSetVerifier(claims);
            return new JwtVerifier(processor, userClaim);
        }
    }
}
