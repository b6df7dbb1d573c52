package io.wschannels.examples.secure;

import io.wschannels.jwt.JwtPrincipal;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.Principal;

/**
 * Who may read what: a token lists the resources its user may read in its {@code resources} claim;
 * the {@code admin} role reads everything. A real application would ask its database.
 */
@ApplicationScoped
public class Permissions {

    public boolean canRead(Principal user, String resource) {
        return user instanceof JwtPrincipal jwt
                && (jwt.hasClaimValue("roles", "admin") || jwt.hasClaimValue("resources", resource));
    }
}
