package app.hearth.platform.http;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.servers.Server;

/**
 * A served document names first the URL it was served from (on the local stack {@code http://127.0.0.1:8081}, say), so
 * a client generated from it calls that instance, then the public entry point from configuration
 * ({@code hearth.api.public-url}). The document written at build (what {@code api/check} joins into the public one)
 * names only the public entry point.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_PER_REQUEST)
public class ApiServers implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        String publicUrl = ConfigProvider.getConfig().getValue("hearth.api.public-url", String.class);
        List<Server> servers = new ArrayList<>();
        String servedFrom = servedFrom();
        if (servedFrom != null && !servedFrom.equals(publicUrl)) {
            servers.add(OASFactory.createServer()
                    .url(servedFrom)
                    .description("This instance: where this document was served from."));
        }
        servers.add(OASFactory.createServer().url(publicUrl).description("Hearth's public entry point."));
        openAPI.setServers(servers);
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
