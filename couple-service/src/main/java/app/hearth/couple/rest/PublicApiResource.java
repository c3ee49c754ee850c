package app.hearth.couple.rest;

import app.hearth.couple.service.PublicApiDocument;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public API's document, served at the entry point for client developers and their generators. */
@Tag(name = "API document", description = "The public API's own OpenAPI document: what clients are generated from.")
@Path("/v1/openapi")
@PermitAll
public class PublicApiResource {

    @Inject
    PublicApiDocument document;

    @Operation(
            operationId = "getApiDocument",
            summary = "Get the public API document",
            description =
                    "This API's OpenAPI 3.1 document: every public operation of every Hearth service, joined from the "
                            + "documents the services serve now. Its server is the public entry point; served by an "
                            + "instance reached some other way (the local stack, say), each path also names the URL "
                            + "where that instance reaches the service that owns it. Each service's own document is at "
                            + "its `/q/openapi`.",
            extensions = @Extension(name = "x-anonymous", value = "true", parseValue = true))
    @APIResponse(
            responseCode = "200",
            description = "The document.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema =
                                    @Schema(
                                            name = "OpenApiDocument",
                                            type = SchemaType.OBJECT,
                                            description =
                                                    "An OpenAPI 3.1 document (https://spec.openapis.org/oas/v3.1.0).",
                                            additionalProperties = Schema.True.class)))
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode get(@Context UriInfo uri) {
        URI base = uri.getBaseUri();
        return document.document(base.getScheme() + "://" + base.getRawAuthority());
    }
}
