package app.hearth.platform.http;

import java.time.Duration;
import java.util.Optional;

/**
 * A refusal the API explains: thrown by services, rendered as problem+json with its status. {@code type} is a
 * stable URI clients can branch on; the detail says what happened and, where there is one, what to do instead.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String title;
    private final String type;
    private final Duration retryAfter;

    public ApiException(int status, String type, String title, String detail) {
        this(status, type, title, detail, null);
    }

    public ApiException(int status, String type, String title, String detail, Duration retryAfter) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.retryAfter = retryAfter;
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, "https://hearth.app/problems/not-found", "Not found", detail);
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, "https://hearth.app/problems/invalid-request", "Invalid request", detail);
    }

    public static ApiException conflict(String type, String detail) {
        return new ApiException(409, "https://hearth.app/problems/" + type, "Conflict", detail);
    }

    public static ApiException gone(String type, String detail) {
        return new ApiException(410, "https://hearth.app/problems/" + type, "Gone", detail);
    }

    public static ApiException tooManyRequests(String detail, Duration retryAfter) {
        return new ApiException(
                429, "https://hearth.app/problems/rate-limited", "Too many requests", detail, retryAfter);
    }

    /** A cap on how many of something one owner may have (429 without Retry-After: waiting does not help). */
    public static ApiException limitReached(String detail) {
        return new ApiException(429, "https://hearth.app/problems/limit-reached", "Limit reached", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String type() {
        return type;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
