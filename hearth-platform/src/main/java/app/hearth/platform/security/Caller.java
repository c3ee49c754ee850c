package app.hearth.platform.security;

import app.hearth.platform.problem.ApiException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is calling: a person (through Hearth's own app) or a partner app (client credentials). Person endpoints
 * refuse partner apps; couple endpoints let a partner app in only with the couple's active grant and the scope.
 */
@RequestScoped
public class Caller {

    @Inject
    JsonWebToken token;

    @Inject
    SecurityConfig config;

    /** The client the token was issued to (azp). */
    public String clientId() {
        String azp = token.getClaim("azp");
        return azp == null ? "" : azp;
    }

    public boolean isPartnerApp() {
        return !config.firstPartyClients().contains(clientId());
    }

    /** The person's id (the token subject); partner apps are refused with 403. */
    public String personId() {
        if (isPartnerApp()) {
            throw new ApiException(403, "https://hearth.app/problems/person-only", "Forbidden",
                    "This endpoint acts for a person signed in to Hearth. Partner apps may read only the couple "
                            + "resources a couple granted them.");
        }
        return token.getSubject();
    }

    /** The scopes of the token (space-separated {@code scope} claim). */
    public Set<String> scopes() {
        String scope = token.getClaim("scope");
        return scope == null ? Set.of() : Arrays.stream(scope.trim().split("\\s+")).collect(Collectors.toUnmodifiableSet());
    }

    public boolean hasScope(String scope) {
        return scopes().contains(scope);
    }

    /** The person's name as the identity provider knows it, for a first profile. */
    public Optional<String> nameFromToken() {
        String name = token.getClaim("name");
        if (name == null || name.isBlank()) {
            name = token.getClaim("preferred_username");
        }
        return Optional.ofNullable(name).filter(n -> !n.isBlank());
    }
}
