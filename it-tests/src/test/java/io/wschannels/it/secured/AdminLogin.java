package io.wschannels.it.secured;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;

/**
 * Jakarta Security: HTTP Basic against two users, ops/ops-secret in the role channels-admin and
 * carol/secret in the role user.
 */
@BasicAuthenticationMechanismDefinition(realmName = "channels")
@ApplicationScoped
public class AdminLogin implements IdentityStore {

    /** The role the admin view is for, as the WAR's web.xml names it. */
    public static final String ROLE = "channels-admin";

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        if (credential.compareTo("ops", "ops-secret")) {
            return new CredentialValidationResult("ops", Set.of(ROLE));
        }
        return credential.compareTo("carol", "secret")
                ? new CredentialValidationResult("carol", Set.of("user"))
                : CredentialValidationResult.INVALID_RESULT;
    }
}
