package app.hearth.platform.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into problem+json with a useful detail. Input problems are 4xx and say which field is wrong;
 * unexpected failures are a 500 whose detail carries an error id to find the logged cause, never a stack trace.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** A refusal's detail names its field first ({@code "timeZone: ..."}): the convention {@code errors} is read from. */
    private static final Pattern FIELD_FIRST = Pattern.compile("^([A-Za-z][\\w.\\[\\]-]*): (.+)$", Pattern.DOTALL);

    @ServerExceptionMapper
    public Response api(ApiException e, UriInfo uri) {
        List<Problem.FieldError> errors = List.of();
        if (e.status() == 400) {
            Matcher field = FIELD_FIRST.matcher(e.getMessage());
            errors = List.of(
                    field.matches()
                            ? new Problem.FieldError(field.group(1), field.group(2))
                            : new Problem.FieldError("", e.getMessage()));
        }
        Response.ResponseBuilder response =
                respond(new Problem(e.type(), e.title(), e.status(), e.getMessage(), uri.getPath(), errors));
        e.retryAfter().ifPresent(d -> response.header("Retry-After", Math.max(1, d.toSeconds())));
        if (e.status() == 401) {
            // RFC 6750: the token was sent and refused (its account erased, say).
            response.header(
                    "WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"" + e.getMessage() + "\"");
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "HTTP " + status;
        String detail = switch (status) {
            case 404 -> "There is nothing at " + uri.getPath() + ".";
            case 405 -> "This method is not allowed on " + uri.getPath() + ".";
            case 406 -> "This resource answers in JSON; accept application/json.";
            case 415 -> "Send the request body as application/json.";
            default -> e.getMessage();
        };
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json, uri);
        }
        if (status == 404 && conversionFailed(e)) {
            // A path id that cannot be one (not a UUID): the request is malformed, whatever exists.
            List<Problem.FieldError> errors = uri.getPathParameters().entrySet().stream()
                    .filter(p ->
                            p.getKey().endsWith("Id") && !isUuid(p.getValue().get(0)))
                    .map(p -> new Problem.FieldError(
                            p.getKey(), "'" + p.getValue().get(0) + "' is not a UUID."))
                    .toList();
            if (!errors.isEmpty()) {
                return invalidRequest(
                        errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; ")),
                        errors,
                        uri);
            }
        }
        if (status == 400) { // a parameter the runtime could not convert
            return invalidRequest(detail, List.of(new Problem.FieldError("", detail)), uri);
        }
        return respond(new Problem("about:blank", title, status, detail, uri.getPath(), List.of()))
                .build();
    }

    @ServerExceptionMapper({
        JsonProcessingException.class,
        JsonMappingException.class,
        JsonParseException.class,
        MismatchedInputException.class,
        InvalidFormatException.class,
        UnrecognizedPropertyException.class
    })
    public Response json(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException mapping ? fieldPath(mapping) : "";
        String detail;
        if (e instanceof StorableText.UnstorableTextException) {
            // Not echoed: the value is what a person wrote.
            detail = "Field '" + field + "' " + e.getOriginalMessage().replace("the text contains", "contains")
                    + ", which cannot be stored; remove it.";
        } else if (e instanceof UnrecognizedPropertyException unknown) {
            detail = "Unknown field '" + field + "'. Accepted fields: "
                    + unknown.getKnownPropertyIds().stream()
                            .map(Object::toString)
                            .sorted()
                            .collect(Collectors.joining(", "))
                    + ".";
        } else if (e instanceof InvalidFormatException invalid
                && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            detail = "Field '" + field + "' does not accept '" + invalid.getValue() + "'. Use one of: "
                    + Arrays.stream(invalid.getTargetType().getEnumConstants())
                            .map(Object::toString)
                            .collect(Collectors.joining(", "))
                    + ".";
        } else if (e instanceof InvalidFormatException invalid) {
            detail = "Field '" + field + "' does not accept '" + invalid.getValue() + "'"
                    + (invalid.getTargetType() != null
                            ? " (expected " + simpleType(invalid.getTargetType()) + ")."
                            : ".");
        } else if (e instanceof MismatchedInputException mismatched && !field.isEmpty()) {
            detail = "Field '" + field + "' has the wrong type"
                    + (mismatched.getTargetType() != null
                            ? " (expected " + simpleType(mismatched.getTargetType()) + ")."
                            : ".");
        } else if (e instanceof JsonParseException) {
            detail = "The request body is not valid JSON: " + e.getOriginalMessage();
        } else {
            detail = "The request body could not be read: " + e.getOriginalMessage();
        }
        // Every 400 names what it refused; the body as a whole is the field "".
        List<Problem.FieldError> errors = List.of(new Problem.FieldError(field, detail));
        return invalidRequest(detail, errors, uri);
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return invalidRequest(detail, errors, uri);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri, HttpHeaders headers) {
        boolean sent = headers.getHeaderString(HttpHeaders.AUTHORIZATION) != null;
        return respond(new Problem(
                        "https://hearth.app/problems/unauthorized",
                        "Unauthorized",
                        401,
                        "A valid bearer token for the Hearth API is required (audience hearth-api).",
                        uri.getPath(),
                        List.of()))
                // RFC 6750: no error code when no token was sent; invalid_token when one was and it was refused.
                .header(
                        "WWW-Authenticate",
                        sent
                                ? "Bearer error=\"invalid_token\", error_description=\"the token is not valid for the Hearth API\""
                                : "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(new Problem(
                        "https://hearth.app/problems/forbidden",
                        "Forbidden",
                        403,
                        "Your token does not allow this.",
                        uri.getPath(),
                        List.of()))
                .build();
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, UriInfo uri) {
        DatabaseTrouble trouble = databaseTrouble(e);
        if (trouble != null) {
            LOG.warnf(
                    "database %s on %s: %s",
                    trouble == DatabaseTrouble.BUSY ? "busy" : "unavailable", uri.getPath(), e.toString());
            return respond(new Problem(
                            "https://hearth.app/problems/temporarily-unavailable",
                            "Service Unavailable",
                            503,
                            trouble == DatabaseTrouble.BUSY
                                    ? "This service is too busy to reach its database right now; nothing was changed. Try again in a few seconds."
                                    : "This service cannot reach its database right now; nothing was changed. Try again in a few seconds.",
                            uri.getPath(),
                            List.of()))
                    .header("Retry-After", 5)
                    .build();
        }
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected failure %s on %s", errorId, uri.getPath());
        return respond(new Problem(
                        "about:blank",
                        "Internal Server Error",
                        500,
                        "Something went wrong on our side; nothing was changed by this request if it failed before commit. "
                                + "Error id " + errorId + ".",
                        uri.getPath(),
                        List.of()))
                .build();
    }

    /** A 400 {@code invalid-request} naming what it refused. */
    private static Response invalidRequest(String detail, List<Problem.FieldError> errors, UriInfo uri) {
        return respond(new Problem(
                        "https://hearth.app/problems/invalid-request",
                        "Invalid request",
                        400,
                        detail,
                        uri.getPath(),
                        errors))
                .build();
    }

    /** A path or query parameter that could not be converted to its type (the JAX-RS runtime's 404 or 400). */
    private static boolean conversionFailed(Throwable e) {
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof IllegalArgumentException) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUuid(String value) {
        try {
            UUID.fromString(value);
            return value.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Why the database could not serve a request: a 503 to retry, not a 500 to report. */
    enum DatabaseTrouble {
        /** Down, restarting or refusing connections (SQLSTATE classes 08 and 57P, not accepting connections). */
        UNREACHABLE,
        /** Reachable, but no pooled connection came free in time: more requests than connections. */
        BUSY
    }

    /** What kept the database from serving the request, or null when the failure is something else. */
    static DatabaseTrouble databaseTrouble(Throwable e) {
        // Causes and suppressed exceptions both: a commit that fails because the connection died surfaces as the
        // transaction manager's RollbackException with the driver's exception suppressed inside it.
        Deque<Throwable> toVisit = new ArrayDeque<>(List.of(e));
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!toVisit.isEmpty() && seen.size() < 50) {
            Throwable t = toVisit.pop();
            if (!seen.add(t)) {
                continue;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState() == null ? "" : sql.getSQLState();
                String message = String.valueOf(sql.getMessage());
                if (state.startsWith("08")
                        || state.startsWith("57P")
                        || message.contains("not currently accepting connections")) {
                    return DatabaseTrouble.UNREACHABLE;
                }
                if (message.toLowerCase(Locale.ROOT).contains("acquisition timeout")) {
                    return DatabaseTrouble.BUSY;
                }
            }
            if (t.getCause() != null) {
                toVisit.push(t.getCause());
            }
            for (Throwable suppressed : t.getSuppressed()) {
                toVisit.push(suppressed);
            }
        }
        return null;
    }

    static Response.ResponseBuilder respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
    }

    private static String fieldPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String simpleType(Class<?> type) {
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return type.getSimpleName();
    }

    /** The name a client knows: the body field or parameter, without the Java method and argument names. */
    private static String fieldName(ConstraintViolation<?> violation) {
        List<Path.Node> nodes = StreamSupport.stream(violation.getPropertyPath().spliterator(), false)
                .toList();
        List<String> names = nodes.stream()
                .filter(n -> n.getKind() == ElementKind.PROPERTY || n.getKind() == ElementKind.CONTAINER_ELEMENT)
                .map(Path.Node::getName)
                .filter(n -> n != null && !n.startsWith("<"))
                .toList();
        if (!names.isEmpty()) {
            return String.join(".", names);
        }
        return nodes.isEmpty() ? "" : nodes.get(nodes.size() - 1).getName();
    }
}
