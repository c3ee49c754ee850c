package app.hearth.exercise.rest;

import app.hearth.events.CoupleEvents.RelationshipKind;
import app.hearth.exercise.Exercise;
import app.hearth.exercise.ExerciseKind;
import app.hearth.exercise.ExercisePrompt;
import app.hearth.exercise.ExerciseStep;
import app.hearth.exercise.Guidance;
import app.hearth.exercise.Layer;
import app.hearth.exercise.Level;
import app.hearth.exercise.SafetyNote;
import app.hearth.exercise.StepType;
import app.hearth.exercise.service.CatalogueService;
import app.hearth.platform.http.PageLinks;
import app.hearth.platform.http.PageOf;
import app.hearth.platform.http.PageRequest;
import app.hearth.platform.http.Params;
import app.hearth.platform.privacy.OAuthSchemes;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** The exercise catalogue: the guide's exercises, rituals, plans and checklists. */
@Tag(
        name = "Exercises",
        description =
                "The exercise catalogue: the guide's exercises, rituals, plans and checklists, by intimacy layer and kind.")
@Path("/v1/exercises")
@Authenticated
@SecurityRequirement(name = OAuthSchemes.PEOPLE)
@SecurityRequirement(name = OAuthSchemes.PARTNER_APPS)
@Produces(MediaType.APPLICATION_JSON)
public class ExerciseResource {
    static final int MAX_PAGE_SIZE = 50;

    @Inject
    CatalogueService catalogue;

    /** {@code intense}: sessions show the pause word and safety notes first; {@code locale}: the content's language. */
    public record ExerciseSummary(
            String slug,
            String title,
            String summary,
            Set<Layer> layers,
            ExerciseKind kind,
            Level level,
            int minutes,
            Set<RelationshipKind> relationshipKinds,
            boolean intense,
            boolean longDistance,
            String locale) {
        static ExerciseSummary of(Exercise e) {
            return new ExerciseSummary(
                    e.slug,
                    e.title,
                    e.summary,
                    new TreeSet<>(e.layers),
                    e.kind,
                    e.level,
                    e.minutes,
                    new TreeSet<>(e.relationshipKinds),
                    e.intense,
                    e.longDistance,
                    e.locale);
        }
    }

    public record Step(
            int position,
            StepType type,
            String title,
            String instruction,
            @Schema(nullable = true) String timing) {}

    /** A prompt as the catalogue shows it: a quiz statement without its answer (that comes in a session). */
    public record Prompt(
            int position,
            @Schema(nullable = true) Integer step,
            ExercisePrompt.AnswerKind answerKind,
            String text,
            @Schema(nullable = true) String detail) {}

    public record SafetyNoteView(SafetyNote.Topic topic, String text) {}

    /**
     * {@code promptsPlay}: ONE_PER_LEVEL (a session plays the prompt of its level) or IN_SEQUENCE (all of them, up to
     * its level); {@code answersPrivate}: answers are never shown to the partner; {@code guidance}: articles to read.
     */
    public record ExerciseDetail(
            String slug,
            String title,
            String summary,
            Set<Layer> layers,
            ExerciseKind kind,
            Level level,
            int minutes,
            Set<RelationshipKind> relationshipKinds,
            boolean intense,
            boolean longDistance,
            String locale,
            int contentVersion,
            List<Step> steps,
            @Schema(nullable = true) Exercise.PromptsPlay promptsPlay,
            boolean answersPrivate,
            Map<Level, List<Prompt>> prompts,
            List<SafetyNoteView> safetyNotes,
            @Schema(nullable = true) List<String> guidance) {}

    @Operation(
            operationId = "searchExercises",
            summary = "Search the catalogue",
            description = "Exercises filtered by layer, kind, duration and language, a page at a time.")
    @GET
    public RestResponse<PageOf<ExerciseSummary>> search(
            @Parameter(schema = @Schema(implementation = Layer.class)) @QueryParam("layer") String layer,
            @Parameter(schema = @Schema(implementation = ExerciseKind.class)) @QueryParam("kind") String kind,
            @Parameter(schema = @Schema(implementation = Level.class)) @QueryParam("level") String level,
            @Parameter(
                            description = "Only exercises that fit in this many minutes.",
                            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1440"))
                    @QueryParam("maxMinutes")
                    String maxMinutes,
            @Parameter(schema = @Schema(implementation = RelationshipKind.class)) @QueryParam("relationshipKind")
                    String relationshipKind,
            @Parameter(
                            description = "Only exercises suited (true) to couples living apart.",
                            schema = @Schema(type = SchemaType.BOOLEAN))
                    @QueryParam("longDistance")
                    String longDistance,
            @QueryParam("page") String page,
            @Parameter(
                            description = "Items per page.",
                            schema =
                                    @Schema(
                                            type = SchemaType.INTEGER,
                                            minimum = "1",
                                            maximum = "50",
                                            defaultValue = "20"))
                    @QueryParam("size")
                    String size,
            @Context UriInfo uri) {
        CatalogueService.Filter filter = new CatalogueService.Filter(
                Params.enumValue("layer", layer, Layer.class),
                Params.enumValue("kind", kind, ExerciseKind.class),
                Params.enumValue("level", level, Level.class),
                Params.intValue("maxMinutes", maxMinutes, 1, 24 * 60),
                Params.enumValue("relationshipKind", relationshipKind, RelationshipKind.class),
                Params.booleanValue("longDistance", longDistance));
        PageRequest request = PageRequest.of(page, size, MAX_PAGE_SIZE);
        var result = catalogue.search(filter, request.page(), request.size());
        return PageLinks.answer(
                new PageOf<>(
                        result.items().stream().map(ExerciseSummary::of).toList(),
                        result.page(),
                        result.size(),
                        result.total()),
                uri);
    }

    @APIResponse(
            responseCode = "200",
            description = "The exercise, in the language `Content-Language` names.",
            headers =
                    @Header(
                            name = "Content-Language",
                            description = "The language of the text (BCP 47), as chosen from `Accept-Language`.",
                            schema = @Schema(type = SchemaType.STRING, examples = "en")))
    @Operation(
            operationId = "getExercise",
            summary = "Get an exercise",
            description =
                    "One exercise with its steps and prompts (a quiz statement without its answer), safety notes and pause advice for intense ones.")
    @GET
    @Path("/{slug}")
    public RestResponse<ExerciseDetail> get(@PathParam("slug") String slug) {
        Exercise e = catalogue.bySlug(slug);
        Map<Level, List<Prompt>> prompts = new LinkedHashMap<>();
        for (ExercisePrompt p : ExercisePrompt.of(slug)) {
            prompts.computeIfAbsent(p.level, l -> new ArrayList<>())
                    .add(new Prompt(p.position, p.stepPosition, p.answerKind, p.text, p.detail));
        }
        ExerciseDetail detail = new ExerciseDetail(
                e.slug,
                e.title,
                e.summary,
                new TreeSet<>(e.layers),
                e.kind,
                e.level,
                e.minutes,
                new TreeSet<>(e.relationshipKinds),
                e.intense,
                e.longDistance,
                e.locale,
                e.contentVersion,
                ExerciseStep.of(slug).stream()
                        .map(s -> new Step(s.position, s.type, s.title, s.instruction, s.timing))
                        .toList(),
                e.promptsPlay,
                e.answersPrivate,
                prompts,
                SafetyNote.of(slug).stream()
                        .map(n -> new SafetyNoteView(n.topic, n.text))
                        .toList(),
                e.intense ? Guidance.FOR_INTENSE_SESSIONS : null);
        return RestResponse.ResponseBuilder.ok(detail)
                .header("Content-Language", e.locale)
                .build();
    }
}
