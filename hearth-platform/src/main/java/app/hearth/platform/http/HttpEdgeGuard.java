package app.hearth.platform.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.security.AuthenticationException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The HTTP layer's own refusals, in problem+json like every other error: a request line or headers over the limits,
 * and paths or queries that are not well-formed percent-encoded UTF-8 or that carry control characters (a NUL would
 * otherwise reach the database and fail there as a 500). Runs before authentication and routing, so nothing behind
 * it ever sees such a request. Failures the router itself raises (a path it cannot parse) get the same shape.
 * <p>
 * The limits here are below Vert.x's codec limits ({@code quarkus.http.limits.max-initial-line-length} and
 * {@code max-header-size}, set higher in the shared configuration), because a request the codec refuses never reaches
 * a handler and would get Vert.x's bare answer.
 */
@Singleton
public class HttpEdgeGuard {
    static final String INVALID = "https://hearth.app/problems/invalid-request";

    private static final Logger LOG = Logger.getLogger(HttpEdgeGuard.class);

    void install(@Observes Router router, HttpLimitsConfig limits) {
        int maxUriLength = limits.maxUriLength();
        int maxHeaderBytes = limits.maxHeaderBytes();
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            Optional<Problem> refusal = screen(ctx.request(), maxUriLength, maxHeaderBytes);
            if (refusal.isPresent()) {
                send(ctx, refusal.get());
            } else {
                ctx.next();
            }
        });
        // Failures raised outside the REST layer (the router cannot parse a path, Vert.x's body handler refuses a
        // body) would otherwise get Quarkus's default error page or an empty body.
        router.route().order(Integer.MIN_VALUE).failureHandler(ctx -> {
            Throwable failure = ctx.failure();
            if (ctx.response().headWritten()
                    || failure instanceof AuthenticationException
                    || failure instanceof UnauthorizedException
                    || failure instanceof ForbiddenException) {
                ctx.next(); // security failures carry their challenge; Quarkus answers them
                return;
            }
            int status = failure instanceof HttpException http
                    ? http.getStatusCode()
                    : failure == null && ctx.statusCode() >= 400 ? ctx.statusCode() : 500;
            if (status >= 500) {
                String errorId = UUID.randomUUID().toString();
                LOG.errorf(
                        failure,
                        "unexpected failure %s on %s",
                        errorId,
                        ctx.request().path());
                send(
                        ctx,
                        new Problem(
                                "about:blank",
                                reason(status),
                                status,
                                "Something went wrong on our side. Error id " + errorId + ".",
                                null,
                                List.of()));
            } else {
                send(
                        ctx,
                        new Problem(
                                status == 400 ? INVALID : "about:blank",
                                reason(status),
                                status,
                                FAILURE_DETAILS.getOrDefault(
                                        status, "The request was refused (" + reason(status) + ")."),
                                null,
                                List.of()));
            }
        });
    }

    private static final Map<Integer, String> FAILURE_DETAILS = Map.of(
            400, "The request could not be parsed: check the path and its percent-encoding.",
            404, "There is nothing at this path.",
            405, "This method is not allowed here.",
            413, "The request body is too large.",
            414, "The request URI is too long.",
            415, "Send the request body as application/json.",
            431, "The request headers are too large.");

    static Optional<Problem> screen(HttpServerRequest request, int maxUriLength, int maxHeaderBytes) {
        String uri = request.uri();
        if (uri.length() > maxUriLength) {
            return Optional.of(new Problem(
                    "https://hearth.app/problems/uri-too-long",
                    reason(414),
                    414,
                    "The request URI has " + uri.length() + " characters; at most " + maxUriLength + " are accepted.",
                    null,
                    List.of()));
        }
        long headerBytes = request.headers().entries().stream()
                .mapToLong(h -> h.getKey().length() + h.getValue().length() + 4)
                .sum();
        if (headerBytes > maxHeaderBytes) {
            return Optional.of(new Problem(
                    "https://hearth.app/problems/headers-too-large",
                    reason(431),
                    431,
                    "The request headers have " + headerBytes + " bytes; at most " + maxHeaderBytes + " are accepted.",
                    null,
                    List.of()));
        }
        int query = uri.indexOf('?');
        return malformed("path", query < 0 ? uri : uri.substring(0, query))
                .or(() -> query < 0 ? Optional.empty() : malformed("query", uri.substring(query + 1)))
                .map(detail -> new Problem(INVALID, "Invalid request", 400, detail, null, List.of()));
    }

    /** Why this part of the URI is not well-formed percent-encoded UTF-8 free of control characters, if it is not. */
    static Optional<String> malformed(String part, String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(raw.charAt(i + 2), 16);
                if (low < 0) {
                    return Optional.of("The request " + part + " has a '%' that is not followed by two hex digits; "
                            + "write a literal % as %25.");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c > 0xFF) {
                return Optional.of("The request " + part + " has a character that is not percent-encoded.");
            } else {
                bytes.write(c);
            }
        }
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return Optional.of("The request " + part + " is not valid UTF-8 once percent-decoded.");
        }
        return decoded.codePoints()
                .filter(cp -> cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
                .boxed()
                .findFirst()
                .map(cp -> "The request " + part + " contains a control character (U+" + String.format("%04X", cp)
                        + "); remove it.");
    }

    static void send(RoutingContext ctx, Problem problem) {
        ctx.response()
                .setStatusCode(problem.status())
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                // The rest of a refused request (an oversized or unparsable one) is not worth reading.
                .putHeader("Connection", "close")
                .end(Json.encode(problem));
    }

    private static String reason(int status) {
        return HttpResponseStatus.valueOf(status).reasonPhrase();
    }
}
