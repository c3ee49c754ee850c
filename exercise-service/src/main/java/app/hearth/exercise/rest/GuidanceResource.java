package app.hearth.exercise.rest;

import app.hearth.exercise.service.GuidanceService;
import app.hearth.exercise.service.GuidanceService.Article;
import app.hearth.platform.http.PageLinks;
import app.hearth.platform.http.PageOf;
import app.hearth.platform.http.PageRequest;
import app.hearth.platform.privacy.OAuthSchemes;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Guidance the app shows beside the exercises: the guide's dark side (flooding, dependency, honesty without empathy)
 * and when to seek outside help. In the caller's language when there is a translation ({@code Accept-Language}),
 * else English; {@code Content-Language} says which.
 */
@Tag(
        name = "Guidance",
        description =
                "What the app shows beside the exercises: the guide's warning signs and when to seek outside help, in the caller's language when there is a translation.")
@Path("/v1/guidance")
@Authenticated
@SecurityRequirement(name = OAuthSchemes.PEOPLE)
@SecurityRequirement(name = OAuthSchemes.PARTNER_APPS)
@Produces(MediaType.APPLICATION_JSON)
public class GuidanceResource {

    @Inject
    GuidanceService guidance;

    public record GuidanceSummary(String slug, String title, String summary, String locale) {}

    @APIResponse(
            responseCode = "200",
            description = "The articles, in the language `Content-Language` names.",
            headers =
                    @Header(
                            name = "Content-Language",
                            description = "The language of the text (BCP 47), as chosen from `Accept-Language`.",
                            schema = @Schema(type = SchemaType.STRING, examples = "en")))
    @Operation(
            operationId = "listGuidance",
            summary = "List guidance articles",
            description =
                    "Every guidance article, in the language `Accept-Language` asks for when there is a translation (`Content-Language` says which).")
    @GET
    public RestResponse<PageOf<GuidanceSummary>> list(
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage,
            @QueryParam("page") String page,
            @QueryParam("size") String size,
            @Context UriInfo uri) {
        String locale = guidance.locale(acceptLanguage);
        List<GuidanceSummary> items = guidance.list(locale).stream()
                .map(g -> new GuidanceSummary(g.slug, g.title, g.summary, g.locale))
                .toList();
        return PageLinks.builder(PageOf.of(items, PageRequest.of(page, size)), uri)
                .header("Content-Language", locale)
                .build();
    }

    @APIResponse(
            responseCode = "200",
            description = "The article, in the language `Content-Language` names.",
            headers =
                    @Header(
                            name = "Content-Language",
                            description = "The language of the text (BCP 47), as chosen from `Accept-Language`.",
                            schema = @Schema(type = SchemaType.STRING, examples = "en")))
    @Operation(
            operationId = "getGuidanceArticle",
            summary = "Get a guidance article",
            description =
                    "One guidance article, in the language `Accept-Language` asks for when there is a translation.")
    @GET
    @Path("/{slug}")
    public RestResponse<Article> get(
            @PathParam("slug") String slug, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        Article article = guidance.article(slug, guidance.locale(acceptLanguage));
        return RestResponse.ResponseBuilder.ok(article)
                .header("Content-Language", article.locale())
                .build();
    }
}
