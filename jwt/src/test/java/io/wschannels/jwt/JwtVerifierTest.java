package io.wschannels.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.wschannels.InvalidTokenException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

class JwtVerifierTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER_SECRET = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.UTF_8);

    static String hs256(byte[] secret, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    static JWTClaimsSet.Builder valid(String user) {
        return new JWTClaimsSet.Builder()
                .subject(user)
                .expirationTime(Date.from(Instant.now().plusSeconds(300)));
    }

    @Test
    void acceptsAValidTokenAndKeepsItsClaims() throws Exception {
        JwtVerifier verifier = JwtVerifier.hs256(SECRET).build();
        JwtPrincipal user = verifier.verify(
                hs256(SECRET, valid("ann").claim("roles", List.of("admin")).build()));
        assertEquals("ann", user.getName());
        assertTrue(user.hasClaimValue("roles", "admin"));
        assertTrue(user.expiresAt().isAfter(Instant.now()));
    }

    @Test
    void refusesExpiredTokensSayingSoAndHonoursTheClockSkew() throws Exception {
        String expired = hs256(
                SECRET,
                valid("ann")
                        .expirationTime(Date.from(Instant.now().minusSeconds(120)))
                        .build());
        InvalidTokenException e = assertThrows(
                InvalidTokenException.class,
                () -> JwtVerifier.hs256(SECRET)
                        .clockSkew(Duration.ofSeconds(60))
                        .build()
                        .verify(expired));
        assertEquals("Token expired", e.getMessage());
        // Just under the skew: two minutes late is still within a skew of three.
        assertEquals(
                "ann",
                JwtVerifier.hs256(SECRET)
                        .clockSkew(Duration.ofSeconds(180))
                        .build()
                        .verify(expired)
                        .getName());
    }

    @Test
    void refusesWrongSignaturesMalformedTokensAndTheNoneAlgorithm() throws Exception {
        JwtVerifier verifier = JwtVerifier.hs256(SECRET).build();
        String wronglySigned = hs256(OTHER_SECRET, valid("ann").build());
        String unsigned = new PlainJWT(valid("ann").build()).serialize();
        String tampered = tamper(hs256(SECRET, valid("ann").build()), "mallory");
        for (String token : List.of(wronglySigned, unsigned, tampered, "not-a-token", "a.b.c", "")) {
            InvalidTokenException e = assertThrows(InvalidTokenException.class, () -> verifier.verify(token), token);
            assertEquals("Invalid token", e.getMessage());
        }
    }

    @Test
    void requiresExpirationAndAUserUnlessToldOtherwise() throws Exception {
        String forever = hs256(SECRET, new JWTClaimsSet.Builder().subject("ann").build());
        assertThrows(
                InvalidTokenException.class,
                () -> JwtVerifier.hs256(SECRET).build().verify(forever));
        assertEquals(
                "ann",
                JwtVerifier.hs256(SECRET)
                        .expirationRequired(false)
                        .build()
                        .verify(forever)
                        .getName());
        String nobody = hs256(
                SECRET,
                new JWTClaimsSet.Builder()
                        .expirationTime(Date.from(Instant.now().plusSeconds(60)))
                        .build());
        assertThrows(
                InvalidTokenException.class,
                () -> JwtVerifier.hs256(SECRET).build().verify(nobody));
        String byEmail =
                hs256(SECRET, valid("ann").claim("email", "ann@example.com").build());
        assertEquals(
                "ann@example.com",
                JwtVerifier.hs256(SECRET)
                        .userClaim("email")
                        .build()
                        .verify(byEmail)
                        .getName());
    }

    @Test
    void checksIssuerAndAudienceWhenConfigured() throws Exception {
        JwtVerifier verifier = JwtVerifier.hs256(SECRET)
                .issuer("https://login.example.com")
                .audience("chat")
                .build();
        String right = hs256(
                SECRET,
                valid("ann")
                        .issuer("https://login.example.com")
                        .audience("chat")
                        .build());
        String wrongIssuer = hs256(
                SECRET,
                valid("ann").issuer("https://evil.example.com").audience("chat").build());
        String wrongAudience = hs256(
                SECRET,
                valid("ann")
                        .issuer("https://login.example.com")
                        .audience("shop")
                        .build());
        assertEquals("ann", verifier.verify(right).getName());
        assertThrows(InvalidTokenException.class, () -> verifier.verify(wrongIssuer));
        assertThrows(InvalidTokenException.class, () -> verifier.verify(wrongAudience));
    }

    @Test
    void verifiesRs256WithAPublicKeyInPemFormAndRefusesHs256TokensThen() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        SignedJWT jwt =
                new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), valid("ann").build());
        jwt.sign(new RSASSASigner(pair.getPrivate()));
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        JwtVerifier verifier = JwtVerifier.rs256(pem).build();
        assertEquals("ann", verifier.verify(jwt.serialize()).getName());
        // The classic confusion attack: an HS256 token "signed" with the public key's bytes.
        String confused = hs256(
                ((RSAPublicKey) pair.getPublic()).getEncoded(), valid("mallory").build());
        assertThrows(InvalidTokenException.class, () -> verifier.verify(confused));
    }

    @Test
    void refusesWeakKeysWithAMessageThatSaysHowToMakeAGoodOne() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> JwtVerifier.hs256("short".getBytes(StandardCharsets.UTF_8)));
        assertTrue(
                e.getMessage().contains("at least 32 bytes") && e.getMessage().contains("openssl rand"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JwtVerifier.rs256("not a key"));
    }

    /** The token with another subject in its payload and the original signature. */
    private static String tamper(String token, String subject) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replaceAll("\"sub\":\"[^\"]*\"", "\"sub\":\"" + subject + "\"");
        return parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2];
    }
}
