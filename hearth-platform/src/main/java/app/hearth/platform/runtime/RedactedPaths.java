package app.hearth.platform.runtime;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.smallrye.config.ConfigMapping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Secrets that a URL can carry (an invitation code in {@code /v1/invitations/{code}/accept}, kept for clients that
 * still send it there) never reach a span: each pattern of {@code hearth.tracing.redacted-paths} is a regular
 * expression whose first group is replaced by {@code REDACTED} in the request's URL attributes as the span starts
 * (Quarkus registers every {@link SpanProcessor} bean). The route template in the span's name stays.
 */
@ApplicationScoped
public class RedactedPaths implements SpanProcessor {
    static final List<AttributeKey<String>> URL_ATTRIBUTES = List.of(
            AttributeKey.stringKey("url.path"),
            AttributeKey.stringKey("url.full"),
            AttributeKey.stringKey("http.target"),
            AttributeKey.stringKey("http.url"));

    private final List<Pattern> patterns;

    @ConfigMapping(prefix = "hearth.tracing")
    public interface Config {
        /** Regular expressions whose first group is a secret a URL path carries (an invitation code, say). */
        Optional<List<String>> redactedPaths();
    }

    @Inject
    public RedactedPaths(Config config) {
        this(config.redactedPaths());
    }

    RedactedPaths(Optional<List<String>> patterns) {
        this.patterns =
                patterns.orElse(List.of()).stream().map(Pattern::compile).toList();
    }

    /** {@code path} with every secret the patterns find replaced. */
    public String redact(String path) {
        String redacted = path;
        for (Pattern pattern : patterns) {
            Matcher matcher = pattern.matcher(redacted);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                matcher.appendReplacement(
                        out,
                        Matcher.quoteReplacement(redacted.substring(matcher.start(), matcher.start(1)) + "REDACTED"
                                + redacted.substring(matcher.end(1), matcher.end())));
            }
            matcher.appendTail(out);
            redacted = out.toString();
        }
        return redacted;
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        if (patterns.isEmpty()) {
            return;
        }
        for (AttributeKey<String> key : URL_ATTRIBUTES) {
            String value = span.getAttribute(key);
            if (value != null) {
                String redacted = redact(value);
                if (!redacted.equals(value)) {
                    span.setAttribute(key, redacted);
                }
            }
        }
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {}

    @Override
    public boolean isEndRequired() {
        return false;
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
