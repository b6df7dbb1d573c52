package io.wschannels;

import java.security.Principal;

/**
 * Turns the token a client presents into a user, for channels marked {@link Authenticated}. Make
 * one CDI bean of this type (best {@code @ApplicationScoped}); it serves every channel of the
 * application. The {@code channels-jwt} module has one for JSON Web Tokens:
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class Tokens {
 *     @Produces @ApplicationScoped
 *     TokenVerifier verifier() {
 *         return JwtVerifier.hs256(secret).issuer("https://login.example.com").build();
 *     }
 * }
 * }</pre>
 *
 * <p>Called on the container's I/O thread during the handshake, possibly concurrently: keep it
 * thread-safe and quick (no remote calls without a cache). Without such a bean, authenticated
 * channels admit only users the server authenticated itself.
 */
@FunctionalInterface
public interface TokenVerifier {

    /**
     * Verifies a token.
     *
     * @param token the token as the client sent it, never {@code null} or empty
     * @return the user; its {@link Principal#getName() name} identifies the user in the registries
     * @throws InvalidTokenException if the token is not acceptable; its message is sent to the
     *         client, so it must not reveal secrets
     */
    Principal verify(String token) throws InvalidTokenException;
}
