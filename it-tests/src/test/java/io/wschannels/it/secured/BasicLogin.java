package io.wschannels.it.secured;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;

/** Jakarta Security: HTTP Basic against one user, carol/secret. */
@BasicAuthenticationMechanismDefinition(realmName = "channels")
@ApplicationScoped
public class BasicLogin implements IdentityStore {

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        return credential.compareTo("carol", "secret")
                ? new CredentialValidationResult("carol", Set.of("user"))
                : CredentialValidationResult.INVALID_RESULT;
    }
}
