package app.hearth.platform.http;

import app.hearth.platform.privacy.OAuthSchemes;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.OAuthFlow;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * What every Hearth OpenAPI document says the same way, added once at build time instead of on each of 80
 * operations: the problem+json schema and the error answers every operation can give (which ones follows from the
 * operation's shape: a path parameter can be unknown, a body can be malformed or too large, a write can conflict),
 * and the OAuth 2 flows clients sign in with. Operation-specific refusals stay on the resources as
 * {@code @APIResponse}; this filter gives them the problem schema.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ApiContract implements OASFilter {

    private static final String PROBLEM = "application/problem+json";
    /** Marks a schema whose properties are present only where they apply: not made {@code required}. */
    private static final String SPARSE = "x-sparse";
    /** An operation that needs no token ({@code @PermitAll}); removed from the document it marks. */
    private static final String ANONYMOUS = "x-anonymous";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components =
                openAPI.getComponents() == null ? OASFactory.createComponents() : openAPI.getComponents();
        openAPI.setComponents(components);
        components.addSchema("Problem", problemSchema());
        components.addSchema(
                "FieldError",
                OASFactory.createSchema()
                        .type(List.of(Schema.SchemaType.OBJECT))
                        .description("One rejected field of a request.")
                        .addProperty("field", string("The field's path in the request, e.g. `answers[2].text`."))
                        .addProperty("message", string("What is wrong with it."))
                        .required(List.of("field", "message")));
        openAPI.setServers(new ArrayList<>(List.of(OASFactory.createServer()
                .url(ConfigProvider.getConfig().getValue("hearth.api.public-url", String.class))
                .description("Hearth's public entry point."))));
        components.setSecuritySchemes(new LinkedHashMap<>());
        components.addSecurityScheme(OAuthSchemes.PEOPLE, peopleScheme());
        components.addSecurityScheme(OAuthSchemes.PARTNER_APPS, partnerAppsScheme());
        Set<String> used = new TreeSet<>();
        if (openAPI.getPaths() != null) {
            openAPI.getPaths()
                    .getPathItems()
                    .forEach((path, item) -> item.getOperations()
                            .forEach((method, operation) -> used.addAll(document(path, method, operation))));
            sentRequests(openAPI).forEach(ApiContract::documentSentRequest);
        }
        ProblemAnswers.BY_STATUS.forEach((status, answer) -> {
            if (used.contains(status)) {
                APIResponse response = response(answer.description(), answer);
                // A conflict that time resolves (a paused session not yet resumable) says when, too.
                if (status.equals("409") || status.equals("429") || status.equals("503")) {
                    response.addHeader(
                            "Retry-After",
                            OASFactory.createHeader()
                                    .description("Seconds to wait before retrying, when waiting helps (RFC 9110).")
                                    .schema(OASFactory.createSchema()
                                            .type(List.of(Schema.SchemaType.INTEGER))
                                            .minimum(BigDecimal.ZERO)));
                }
                if (status.equals("401")) {
                    response.addHeader(
                            "WWW-Authenticate",
                            OASFactory.createHeader()
                                    .description(
                                            "RFC 6750: `Bearer` when no token was sent; `Bearer error=\"invalid_token\", "
                                                    + "error_description=\"...\"` when the token was refused (expired, wrong audience, "
                                                    + "or its account erased).")
                                    .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))));
                }
                components.addResponse(answer.name(), response);
            }
        });
        if (used.contains("created")) {
            components.addHeader(
                    "Location",
                    OASFactory.createHeader()
                            .description("Where the created resource is read.")
                            .schema(OASFactory.createSchema()
                                    .type(List.of(Schema.SchemaType.STRING))
                                    .format("uri-reference")));
        }
        if (used.contains("idempotency")) {
            components.addParameter(
                    "IdempotencyKey",
                    OASFactory.createParameter()
                            .name(IdempotentRequests.HEADER)
                            .in(Parameter.In.HEADER)
                            .required(false)
                            .description(
                                    "Makes a retry safe: a unique value per operation (a random UUID). The same key with "
                                            + "the same request within 24 hours returns the first successful answer again, without "
                                            + "doing the work twice; the same key with a different request is a 422 problem. Answers "
                                            + "that are not a success are not kept: a retry runs again. Keys are per caller.")
                            .schema(OASFactory.createSchema()
                                    .type(List.of(Schema.SchemaType.STRING))
                                    .minLength(8)
                                    .maxLength(255)
                                    .pattern("^[!-~]+$"))
                            .example("0b0c6c4e-8f7e-4a55-9a43-5f1b0d6a2c11"));
            components.addHeader(
                    "IdempotentReplayed",
                    OASFactory.createHeader()
                            .description(
                                    "`true` when this answer is the stored first answer to an earlier request with the same "
                                            + "`Idempotency-Key`.")
                            .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.BOOLEAN))));
        }
        dropUnreferencedSchemas(openAPI);
        requireAnswerFields(openAPI);
    }

    /**
     * Hearth writes every field of an answer, {@code null} when it has no value (Jackson's default; no answer omits
     * one): so every property of a schema that only answers carry is {@code required}, and one that can be null says
     * so on the record ({@code @Schema(nullable = true)}). Schemas requests also use are left as declared: there
     * {@code required} means what a client must send; so is a schema marked {@code x-sparse} (a map documented by the
     * keys it may hold).
     */
    private static void requireAnswerFields(OpenAPI openAPI) {
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        if (schemas == null || openAPI.getPaths() == null) {
            return;
        }
        List<Schema> answers = new ArrayList<>();
        List<Schema> requests = new ArrayList<>();
        openAPI.getPaths()
                .getPathItems()
                .values()
                .forEach(item -> item.getOperations().values().forEach(operation -> {
                    if (operation.getRequestBody() != null
                            && operation.getRequestBody().getContent() != null) {
                        operation.getRequestBody().getContent().getMediaTypes().values().stream()
                                .map(MediaType::getSchema)
                                .forEach(requests::add);
                    }
                    if (operation.getResponses() != null) {
                        operation.getResponses().getAPIResponses().values().stream()
                                .filter(r -> r.getContent() != null)
                                .flatMap(r -> r.getContent().getMediaTypes().values().stream())
                                .map(MediaType::getSchema)
                                .forEach(answers::add);
                    }
                }));
        // What Hearth sends to a URL someone registered (a callback's request) is written like an answer.
        sentRequests(openAPI).stream()
                .map(Map.Entry::getValue)
                .filter(o -> o.getRequestBody() != null && o.getRequestBody().getContent() != null)
                .flatMap(o -> o.getRequestBody().getContent().getMediaTypes().values().stream())
                .map(MediaType::getSchema)
                .forEach(answers::add);
        Set<String> requested = reached(requests, schemas);
        Set<String> answered = reached(answers, schemas);
        answered.removeAll(requested);
        answered.remove("Problem");
        answered.remove("FieldError");
        for (String name : answered) {
            Schema schema = schemas.get(name);
            if (schema.getExtensions() != null && schema.getExtensions().containsKey(SPARSE)) {
                schema.removeExtension(SPARSE); // its keys are present only where they apply (InsightNumbers)
                continue;
            }
            if ("date-time".equals(schema.getFormat())) {
                // answers' timestamps have one shape (ApiTimestamps); requests may send any RFC 3339 precision
                schema.setPattern(ApiTimestamps.PATTERN);
            }
            if (schema.getProperties() == null || schema.getProperties().isEmpty()) {
                continue;
            }
            schema.setRequired(new ArrayList<>(schema.getProperties().keySet()));
        }
    }

    /**
     * The requests Hearth itself sends to a URL someone registered, documented as callbacks of the operation that
     * registers it (a push to a browser's endpoint): each callback's operations, by callback name.
     */
    private static List<Map.Entry<String, Operation>> sentRequests(OpenAPI openAPI) {
        List<Map.Entry<String, Operation>> sent = new ArrayList<>();
        if (openAPI.getPaths() == null) {
            return sent;
        }
        openAPI.getPaths()
                .getPathItems()
                .values()
                .forEach(item -> item.getOperations().values().forEach(operation -> {
                    if (operation.getCallbacks() != null) {
                        operation.getCallbacks().forEach((name, callback) -> {
                            if (callback.getPathItems() != null) {
                                callback.getPathItems()
                                        .values()
                                        .forEach(target -> target.getOperations()
                                                .values()
                                                .forEach(o -> sent.add(Map.entry(name, o))));
                            }
                        });
                    }
                }));
        return sent;
    }

    /** A request Hearth sends: named ({@code send<Name>}), and needing no token of the receiver's (it has its own). */
    private static void documentSentRequest(Map.Entry<String, Operation> sent) {
        Operation operation = sent.getValue();
        if (operation.getOperationId() == null) {
            String name = sent.getKey();
            operation.setOperationId("send" + Character.toUpperCase(name.charAt(0)) + name.substring(1));
        }
        operation.setSecurity(new ArrayList<>());
    }

    /** The names of the component schemas these schemas lead to. */
    private static Set<String> reached(List<Schema> start, Map<String, Schema> schemas) {
        Set<String> reached = new HashSet<>();
        List<Schema> toVisit = new ArrayList<>(start);
        while (!toVisit.isEmpty()) {
            Schema schema = toVisit.remove(toVisit.size() - 1);
            if (schema == null) {
                continue;
            }
            if (schema.getRef() != null) {
                String name = schema.getRef().substring(schema.getRef().lastIndexOf('/') + 1);
                if (reached.add(name)) {
                    toVisit.add(schemas.get(name));
                }
            }
            if (schema.getProperties() != null) {
                toVisit.addAll(schema.getProperties().values());
            }
            Stream.of(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())
                    .filter(Objects::nonNull)
                    .forEach(toVisit::addAll);
            Stream.of(schema.getItems(), schema.getAdditionalPropertiesSchema(), schema.getNot())
                    .filter(Objects::nonNull)
                    .forEach(toVisit::add);
        }
        return reached;
    }

    /**
     * SmallRye documents every named schema in the index, shared modules' included (an event enum carries its schema
     * name for the one service that shows it); a schema no operation reaches is noise in the other services' documents.
     */
    private static void dropUnreferencedSchemas(OpenAPI openAPI) {
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        if (schemas == null || openAPI.getPaths() == null) {
            return;
        }
        List<Schema> toVisit = new ArrayList<>();
        Consumer<Content> content = c -> {
            if (c != null) {
                c.getMediaTypes().values().forEach(m -> toVisit.add(m.getSchema()));
            }
        };
        Consumer<List<Parameter>> parameters = ps -> {
            if (ps != null) {
                ps.forEach(p -> toVisit.add(p.getSchema()));
            }
        };
        openAPI.getPaths().getPathItems().values().forEach(item -> {
            parameters.accept(item.getParameters());
            item.getOperations().values().forEach(operation -> {
                parameters.accept(operation.getParameters());
                if (operation.getRequestBody() != null) {
                    content.accept(operation.getRequestBody().getContent());
                }
                if (operation.getResponses() != null) {
                    operation.getResponses().getAPIResponses().values().forEach(r -> content.accept(r.getContent()));
                }
            });
        });
        sentRequests(openAPI).forEach(sent -> {
            if (sent.getValue().getRequestBody() != null) {
                content.accept(sent.getValue().getRequestBody().getContent());
            }
        });
        Components components = openAPI.getComponents();
        if (components.getResponses() != null) {
            components.getResponses().values().forEach(r -> content.accept(r.getContent()));
        }
        if (components.getParameters() != null) {
            parameters.accept(List.copyOf(components.getParameters().values()));
        }
        Set<String> reached = reached(toVisit, schemas);
        // The model hands out read-only views: remove through it.
        schemas.keySet().stream()
                .filter(name -> !reached.contains(name))
                .toList()
                .forEach(openAPI.getComponents()::removeSchema);
    }

    /** Adds the error answers this operation can give; returns the statuses that refer to shared components. */
    private Set<String> document(String path, PathItem.HttpMethod method, Operation operation) {
        APIResponses responses =
                operation.getResponses() == null ? OASFactory.createAPIResponses() : operation.getResponses();
        operation.setResponses(responses);
        boolean anonymous =
                operation.getExtensions() != null && operation.getExtensions().containsKey(ANONYMOUS);
        if (anonymous) {
            // Needs no token (the public API document): no security, no 401 or 403 to document.
            operation.removeExtension(ANONYMOUS);
            operation.setSecurity(new ArrayList<>());
            String who = "**Anyone**: no token needed.";
            operation.setDescription(
                    operation.getDescription() == null ? who : operation.getDescription() + "\n\n" + who);
        } else if (operation.getSecurity() == null || operation.getSecurity().isEmpty()) {
            // Every Hearth operation needs a token; one that declares nothing is for people (PartnerAppAccess).
            operation.setSecurity(new ArrayList<>(
                    List.of(OASFactory.createSecurityRequirement().addScheme(OAuthSchemes.PEOPLE))));
        }
        if (!anonymous) {
            describeWhoMayCall(operation);
        }
        if (path.startsWith("/v1/ops/dead-letters")) {
            // Every service serves the platform's dead-letter endpoints: their ids name the service, to stay unique.
            operation.setOperationId(operation.getOperationId().replace("DeadLetters", serviceNoun() + "DeadLetters"));
        }
        boolean pathParameters = path.contains("{");
        boolean body = operation.getRequestBody() != null;
        boolean input = body
                || pathParameters
                || (operation.getParameters() != null
                        && !operation.getParameters().isEmpty());
        boolean write = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
        Set<String> shared = new TreeSet<>();
        Consumer<String> add = status -> {
            APIResponse existing = responses.getAPIResponse(status);
            ProblemAnswers.Answer answer = ProblemAnswers.BY_STATUS.get(status);
            if (existing == null || existing.getContent() == null && generic(existing.getDescription())) {
                responses.addAPIResponse(status, OASFactory.createAPIResponse().ref(answer.name()));
                shared.add(status);
            }
        };
        if (input) add.accept("400");
        if (!anonymous) {
            add.accept("401");
            add.accept("403");
        }
        if (pathParameters) add.accept("404");
        add.accept("406");
        if (write) add.accept("409");
        if (body) {
            add.accept("413");
            add.accept("415");
        }
        pagingParameters(operation, responses);
        Parameter ifMatch = operation.getParameters() == null
                ? null
                : operation.getParameters().stream()
                        .filter(p -> IfMatch.HEADER.equalsIgnoreCase(p.getName()))
                        .findFirst()
                        .orElse(null);
        if (ifMatch != null) {
            // A conditional write (IfMatch): refused when stale, and when the version is required but missing.
            add.accept("412");
            if (Boolean.TRUE.equals(ifMatch.getRequired())) {
                add.accept("428");
            }
        }
        if (method == PathItem.HttpMethod.POST) {
            operation.addParameter(OASFactory.createParameter().ref("IdempotencyKey"));
            add.accept("422");
            add.accept("429");
            responses.getAPIResponses().forEach((status, response) -> {
                if (status.startsWith("2") && response.getRef() == null) {
                    response.addHeader(
                            IdempotentRequests.REPLAYED,
                            OASFactory.createHeader().ref("IdempotentReplayed"));
                }
            });
            shared.add("idempotency");
        }
        add.accept("503");
        // Every creation answers where the created resource is (Response.created).
        APIResponse created = responses.getAPIResponse("201");
        if (created != null && created.getRef() == null) {
            if (created.getHeaders() == null || !created.getHeaders().containsKey("Location")) {
                created.addHeader("Location", OASFactory.createHeader().ref("Location"));
            }
            shared.add("created");
        }
        // Refusals a resource documented itself (an @APIResponse with only a description) answer in problem+json too.
        responses.getAPIResponses().forEach((status, response) -> {
            if (status.matches("[45]\\d\\d") && response.getRef() == null && response.getContent() == null) {
                ProblemAnswers.Answer like = ProblemAnswers.BY_STATUS.get(status);
                response.setContent(problemContent(like));
            }
        });
        // Answers in status order, as readers look for them.
        responses.setAPIResponses(new TreeMap<>(responses.getAPIResponses()));
        return shared;
    }

    /**
     * A list's {@code page} and {@code size} (PageRequest: read as text for a 400 that names them) are integers with
     * the same bounds everywhere unless the resource says otherwise; its answer carries {@code Link} headers (PageLinks).
     */
    private static void pagingParameters(Operation operation, APIResponses responses) {
        if (operation.getParameters() == null) {
            return;
        }
        boolean paged = false;
        for (Parameter parameter : operation.getParameters()) {
            if (parameter.getIn() != Parameter.In.QUERY) {
                continue;
            }
            boolean plain = parameter.getSchema() == null
                    || parameter.getSchema().getType() == null
                    || parameter.getSchema().getType().equals(List.of(Schema.SchemaType.STRING));
            if ("page".equals(parameter.getName())) {
                paged = true;
                if (plain) {
                    parameter.description("The page, from 0.").schema(integer(0, PageRequest.MAX_PAGE, 0));
                }
            } else if ("size".equals(parameter.getName()) && plain) {
                parameter
                        .description("Items per page.")
                        .schema(integer(1, PageRequest.MAX_SIZE, PageRequest.DEFAULT_SIZE));
            }
        }
        APIResponse ok = responses.getAPIResponse("200");
        if (paged && ok != null && ok.getRef() == null) {
            ok.addHeader(
                    "Link",
                    OASFactory.createHeader()
                            .description("RFC 8288 links to the `first`, `prev`, `next` and "
                                    + "`last` pages (relative to this request).")
                            .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))));
        }
    }

    private static Schema integer(int minimum, int maximum, int defaultValue) {
        return OASFactory.createSchema()
                .type(List.of(Schema.SchemaType.INTEGER))
                .format("int32")
                .minimum(BigDecimal.valueOf(minimum))
                .maximum(BigDecimal.valueOf(maximum))
                .defaultValue(defaultValue);
    }

    /** The placeholder descriptions Quarkus writes for the 400/401/403 it adds by itself. */
    private static boolean generic(String description) {
        return description == null
                || List.of("Bad Request", "Not Authorized", "Not Allowed").contains(description);
    }

    /** couple-service → Couple. */
    private static String serviceNoun() {
        String name = ConfigProvider.getConfig()
                .getValue("quarkus.application.name", String.class)
                .replace("-service", "");
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static APIResponse response(String description, ProblemAnswers.Answer answer) {
        return OASFactory.createAPIResponse().description(description).content(problemContent(answer));
    }

    private static Content problemContent(ProblemAnswers.Answer example) {
        MediaType media =
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem"));
        if (example != null) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("type", example.type());
            value.put("title", example.title());
            value.put("status", Integer.parseInt(statusOf(example)));
            value.put("detail", example.detail());
            value.put("instance", "/v1/couples/3f0c1a9e-5d1b-4a7e-9c2f-0b6d8e4a1c55");
            media.example(value);
        }
        return OASFactory.createContent().addMediaType(PROBLEM, media);
    }

    private static String statusOf(ProblemAnswers.Answer answer) {
        return ProblemAnswers.BY_STATUS.entrySet().stream()
                .filter(e -> e.getValue() == answer)
                .findFirst()
                .orElseThrow()
                .getKey();
    }

    private static Schema problemSchema() {
        return OASFactory.createSchema()
                .type(List.of(Schema.SchemaType.OBJECT))
                .description(
                        "An RFC 9457 problem detail: the body of every error Hearth returns, as `application/problem+json`.")
                .addProperty(
                        "type",
                        string("A stable URI naming the kind of problem (`https://hearth.app/problems/{reason}`, "
                                        + "or `about:blank` for plain HTTP errors); branch on this, not on `detail`.")
                                .format("uri"))
                .addProperty("title", string("A short summary of the kind of problem."))
                .addProperty(
                        "status",
                        OASFactory.createSchema()
                                .type(List.of(Schema.SchemaType.INTEGER))
                                .format("int32")
                                .minimum(BigDecimal.valueOf(400))
                                .maximum(BigDecimal.valueOf(599))
                                .description("The HTTP status of this answer."))
                .addProperty(
                        "detail",
                        string(
                                "What happened in this case and, where there is one, what to do instead; for people, not for parsing."))
                .addProperty("instance", string("The path the request was sent to."))
                .addProperty(
                        "errors",
                        OASFactory.createSchema()
                                .type(List.of(Schema.SchemaType.ARRAY))
                                .items(OASFactory.createSchema().ref("FieldError"))
                                .description("Each rejected field of an invalid request."))
                .required(List.of("type", "title", "status", "detail"));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).description(description);
    }

    /**
     * Says in each secured operation who may call it. Its {@code security} lists the alternatives: people (any signed-in
     * person; the build adds it where the resource declares nothing) and, where the resource opens it to them, partner
     * apps with the scopes the token must hold (PartnerAppAccess enforces exactly that).
     */
    private static void describeWhoMayCall(Operation operation) {
        List<String> partnerScopes = null;
        boolean people = false;
        for (var requirement : operation.getSecurity()) {
            if (requirement.hasScheme(OAuthSchemes.PARTNER_APPS)) {
                partnerScopes = requirement.getScheme(OAuthSchemes.PARTNER_APPS);
            }
            people |= requirement.hasScheme(OAuthSchemes.PEOPLE);
        }
        String who;
        if (partnerScopes == null) {
            who = "**People only**: a partner app's token is refused (403 `person-only`).";
        } else {
            String scopes = partnerScopes.isEmpty()
                    ? "any partner app"
                    : "partner apps whose token holds `" + String.join("` and `", partnerScopes) + "`"
                            + " (403 `insufficient-scope` without), for couples that granted it";
            who = people ? "**People and " + scopes + ".**" : "**Only " + scopes + ".**";
        }
        String description = operation.getDescription();
        operation.setDescription(description == null || description.isBlank() ? who : description + "\n\n" + who);
    }

    private static String issuer() {
        return ConfigProvider.getConfig().getValue("hearth.api.identity-url", String.class);
    }

    private static SecurityScheme peopleScheme() {
        String issuer = issuer();
        Map<String, String> scopes = new LinkedHashMap<>();
        scopes.put("openid", "Sign in (OpenID Connect).");
        scopes.put("hearth-api", "Call the Hearth API as yourself (granted to the Hearth apps by default).");
        OAuthFlow code = OASFactory.createOAuthFlow()
                .authorizationUrl(issuer + "/protocol/openid-connect/auth")
                .tokenUrl(issuer + "/protocol/openid-connect/token")
                .refreshUrl(issuer + "/protocol/openid-connect/token")
                .scopes(scopes);
        return OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.OAUTH2)
                .description("People sign in through the Hearth apps with the authorization code flow and PKCE (S256, "
                        + "public client `hearth-app`) at Hearth's identity provider (OpenID Connect discovery at `"
                        + issuer + "/.well-known/openid-configuration`); the access token is sent as a bearer token. "
                        + "Operations under `/v1/ops` also need the `ops` role, which the identity provider grants "
                        + "to staff only.")
                .flows(OASFactory.createOAuthFlows().authorizationCode(code));
    }

    private static SecurityScheme partnerAppsScheme() {
        String issuer = issuer();
        Map<String, String> scopes = new LinkedHashMap<>();
        scopes.put(
                OAuthSchemes.COUPLES_READ, "Read the couples that granted it: members' pseudonyms, status, settings.");
        scopes.put(
                OAuthSchemes.CHECKINS_READ,
                "Read check-ins of the couples that granted it (scores only, never words or private notes).");
        scopes.put(OAuthSchemes.INSIGHTS_READ, "Read insights and recommendations of the couples that granted it.");
        scopes.put(
                OAuthSchemes.REMINDERS_READ,
                "Read reminders of the couples that granted it, and subscribe to their webhooks.");
        OAuthFlow clientCredentials = OASFactory.createOAuthFlow()
                .tokenUrl(issuer + "/protocol/openid-connect/token")
                .scopes(scopes);
        return OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.OAUTH2)
                .description("Partner apps (a therapist's platform) use the client credentials flow and read only what "
                        + "a couple granted them (`POST /v1/couples/{coupleId}/grants`, approved by both members), "
                        + "under the scopes below. Each operation's `security` says which scopes it requires; an "
                        + "operation without this scheme refuses partner apps.")
                .flows(OASFactory.createOAuthFlows().clientCredentials(clientCredentials));
    }
}
