package app.hearth.platform.http;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.security.OAuthFlow;
import org.eclipse.microprofile.openapi.models.security.OAuthFlows;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;
import org.eclipse.microprofile.openapi.models.servers.Server;

/**
 * A served document says where things are for whoever fetched it: its servers are the URL it was served from (on the
 * local stack {@code http://127.0.0.1:8081}, say), so a client generated from it calls that instance, then the public
 * entry point ({@code hearth.api.public-url}); its OAuth flows point at the identity provider this instance trusts
 * ({@code hearth.api.served-identity-url}: the local realm on the local stack, the public one in a cluster). The
 * document written at build names only production.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_PER_REQUEST)
public class ApiServers implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Config config = ConfigProvider.getConfig();
        String publicUrl = config.getValue("hearth.api.public-url", String.class);
        List<Server> servers = new ArrayList<>();
        String servedFrom = servedFrom();
        if (servedFrom != null && !servedFrom.equals(publicUrl)) {
            servers.add(OASFactory.createServer()
                    .url(servedFrom)
                    .description("This instance: where this document was served from."));
        }
        servers.add(OASFactory.createServer().url(publicUrl).description("Hearth's public entry point."));
        openAPI.setServers(servers);
        pointFlowsAt(openAPI, config.getValue("hearth.api.served-identity-url", String.class));
    }

    /** The flows' URLs and the schemes' descriptions name the build's identity provider: swap in this one's. */
    private static void pointFlowsAt(OpenAPI openAPI, String identityUrl) {
        String built = ConfigProvider.getConfig().getValue("hearth.api.identity-url", String.class);
        if (openAPI.getComponents() == null
                || openAPI.getComponents().getSecuritySchemes() == null
                || built.equals(identityUrl)) {
            return;
        }
        for (SecurityScheme scheme :
                openAPI.getComponents().getSecuritySchemes().values()) {
            if (scheme.getDescription() != null) {
                scheme.setDescription(scheme.getDescription().replace(built, identityUrl));
            }
            OAuthFlows flows = scheme.getFlows();
            if (flows == null) {
                continue;
            }
            for (OAuthFlow flow : new OAuthFlow[] {
                flows.getAuthorizationCode(), flows.getClientCredentials(), flows.getImplicit(), flows.getPassword()
            }) {
                if (flow != null) {
                    flow.setAuthorizationUrl(swap(flow.getAuthorizationUrl(), built, identityUrl));
                    flow.setTokenUrl(swap(flow.getTokenUrl(), built, identityUrl));
                    flow.setRefreshUrl(swap(flow.getRefreshUrl(), built, identityUrl));
                }
            }
        }
    }

    private static String swap(String url, String built, String served) {
        return url == null ? null : url.replace(built, served);
    }

    /** The scheme and authority of the request for the document (Quarkus makes it current for runtime filters). */
    private static String servedFrom() {
        try (InstanceHandle<CurrentVertxRequest> current = Arc.container().instance(CurrentVertxRequest.class)) {
            RoutingContext request = current.isAvailable() ? current.get().getCurrent() : null;
            if (request == null) {
                return null;
            }
            URI uri = URI.create(request.request().absoluteURI());
            return uri.getScheme() + "://" + uri.getRawAuthority();
        }
    }
}
