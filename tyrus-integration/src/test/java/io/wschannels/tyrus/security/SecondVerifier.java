package io.wschannels.tyrus.security;

import io.wschannels.InvalidTokenException;
import io.wschannels.TokenVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.Principal;

/** A second verifier: with two, which one rules would be chance, so the deployment fails. */
@ApplicationScoped
public class SecondVerifier implements TokenVerifier {
    @Override
    public Principal verify(String token) throws InvalidTokenException {
        throw new InvalidTokenException("Invalid token");
    }
}
