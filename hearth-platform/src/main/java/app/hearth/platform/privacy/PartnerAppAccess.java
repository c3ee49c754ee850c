package app.hearth.platform.privacy;

import app.hearth.platform.http.ApiException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * What a partner app may call is what the OpenAPI document says: an operation open to partner apps carries
 * {@code @SecurityRequirement(name = OAuthSchemes.PARTNER_APPS, scopes = ...)} (its scopes: what the token must hold),
 * and every other operation is for people only (an operation declaring only partner apps refuses people). This filter enforces exactly those annotations, before the request's
 * body is read, so the document and the server cannot disagree; the couple's grant is then checked by the resource
 * (it depends on the couple).
 */
public class PartnerAppAccess {

    @Inject
    CurrentIdentityAssociation identity;

    @Inject
    Caller caller;

    @ServerRequestFilter
    public void enforce(ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        SecurityIdentity who = identity.getIdentity();
        Declared access = DECLARED.computeIfAbsent(method, PartnerAppAccess::declared);
        if (who.isAnonymous() || access.anyone()) {
            return; // the endpoint refuses it itself (401), or is public to anyone, token or not
        }
        SecurityRequirement[] declared = access.requirements();
        if (!caller.isPartnerApp()) {
            if (declared.length > 0 && Arrays.stream(declared).noneMatch(r -> OAuthSchemes.PEOPLE.equals(r.name()))) {
                throw new ApiException(
                        403,
                        "https://hearth.app/problems/partner-app-only",
                        "Forbidden",
                        "Only partner apps call this (with the client credentials grant); people manage them "
                                + "through the couple's grants.");
            }
            return;
        }
        List<SecurityRequirement> open = Arrays.stream(declared)
                .filter(r -> OAuthSchemes.PARTNER_APPS.equals(r.name()))
                .toList();
        if (open.isEmpty()) {
            throw Caller.personOnly();
        }
        if (open.stream().noneMatch(r -> caller.scopes().containsAll(Arrays.asList(r.scopes())))) {
            throw new ApiException(
                    403,
                    "https://hearth.app/problems/insufficient-scope",
                    "Forbidden",
                    "The token lacks the scope this operation requires: "
                            + String.join(
                                    " or ",
                                    open.stream()
                                            .map(r -> String.join(" ", r.scopes()))
                                            .toList())
                            + ". Request it with the client credentials grant (and have the couple grant it).");
        }
    }

    /** What a resource method declares: open to anyone ({@code @PermitAll}), or its security requirements. */
    private record Declared(boolean anyone, SecurityRequirement[] requirements) {}

    /** Per resource method: annotations do not change while the application runs. */
    private static final Map<Method, Declared> DECLARED = new ConcurrentHashMap<>();

    /** The method's own security requirements, else its class's. */
    private static Declared declared(Method method) {
        SecurityRequirement[] declared = method.getAnnotationsByType(SecurityRequirement.class);
        return new Declared(
                method.isAnnotationPresent(PermitAll.class)
                        || method.getDeclaringClass().isAnnotationPresent(PermitAll.class),
                declared.length > 0
                        ? declared
                        : method.getDeclaringClass().getAnnotationsByType(SecurityRequirement.class));
    }
}
