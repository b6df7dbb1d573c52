package io.wschannels.jwt;

import java.security.Principal;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The user of a verified JSON Web Token: its name is the user claim ({@code sub} by default), and
 * every claim stays readable, for example for a per-resource access check in
 * {@code Channel#onConnect}:
 *
 * <pre>{@code
 * if (connection().userPrincipal() instanceof JwtPrincipal user && !user.hasClaimValue("rooms", room)) {
 *     throw new AccessDeniedException();   // refuses the client with 4403
 * }
 * }</pre>
 */
public final class JwtPrincipal implements Principal {

    private final String name;
    private final Map<String, Object> claims;

    JwtPrincipal(String name, Map<String, Object> claims) {
        this.name = name;
        this.claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
    }

    @Override
    public String getName() {
        return name;
    }

    /** @return every claim of the token: strings, numbers, booleans, lists, maps; dates as {@link Date} */
    public Map<String, Object> claims() {
        return claims;
    }

    /**
     * @param name a claim name
     * @return its value, or {@code null}
     */
    public Object claim(String name) {
        return claims.get(name);
    }

    /**
     * Whether a claim is the value, or a list containing it: {@code "role": "admin"} and
     * {@code "roles": ["admin", "user"]} both have {@code "admin"}.
     *
     * @param name a claim name
     * @param value the value looked for
     * @return {@code true} if present
     */
    public boolean hasClaimValue(String name, String value) {
        Object claim = claims.get(name);
        if (claim instanceof Collection<?> values) {
            return values.contains(value);
        }
        return value != null && value.equals(claim);
    }

    /** @return when the token expires, or {@code null} if it does not */
    public Instant expiresAt() {
        return claims.get("exp") instanceof Date date ? date.toInstant() : null;
    }

    @Override
    public String toString() {
        return "JwtPrincipal[" + name + "]";
    }
}
