package app.hearth.platform.privacy;

import app.hearth.platform.http.ApiException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;

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

    @Inject
    ErasureLedger ledger;

    @Inject
    Pseudonyms pseudonyms;

    private Boolean erased;

    /** The client the token was issued to (azp). */
    public String clientId() {
        String azp = token.getClaim("azp");
        return azp == null ? "" : azp;
    }

    public boolean isPartnerApp() {
        return !config.firstPartyClients().contains(clientId());
    }

    /**
     * The person's id (the token subject); partner apps are refused with 403, and a person erased from this service
     * with 401: a token still in someone's phone must not re-create what was erased. Once erased, the subject stays
     * refused (every event about it is dropped too), so a person who comes back signs up with a new login.
     */
    public String personId() {
        String subject = personIdForErasure();
        if (erased == null) {
            erased = ledger.erasedAt(ErasureLedger.Kind.PERSON, subject).isPresent();
        }
        if (erased) {
            throw accountErased();
        }
        return subject;
    }

    /** The 401 for a token of a person erased from this service. */
    public static ApiException accountErased() {
        return new ApiException(
                401,
                "https://hearth.app/problems/account-erased",
                "Unauthorized",
                "This account was erased. Its data is gone and its sign-in no longer works with Hearth.");
    }

    /** The subject of a person's token, even if erased: only for the erasure itself, which must stay idempotent. */
    public String personIdForErasure() {
        if (isPartnerApp()) {
            throw personOnly();
        }
        return token.getSubject();
    }

    /** The 403 for a partner app calling what only people may call. */
    public static ApiException personOnly() {
        return new ApiException(
                403,
                "https://hearth.app/problems/person-only",
                "Forbidden",
                "This endpoint acts for a person signed in to Hearth. Partner apps may read only the couple "
                        + "resources a couple granted them.");
    }

    /**
     * How this caller may see a member of a couple: members see account ids, a partner app only its own pseudonym
     * of the person (see {@link Pseudonyms}).
     */
    public String memberRef(String personId) {
        return isPartnerApp() ? pseudonyms.of(clientId(), personId) : personId;
    }

    /** The scopes of the token (space-separated {@code scope} claim). */
    public Set<String> scopes() {
        String scope = token.getClaim("scope");
        return scope == null
                ? Set.of()
                : Arrays.stream(scope.trim().split("\\s+")).collect(Collectors.toUnmodifiableSet());
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
