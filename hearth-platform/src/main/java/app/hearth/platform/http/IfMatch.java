package app.hearth.platform.http;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Conditional updates (docs/api-guidelines.md, "Concurrent changes"): a resource two people can change carries its
 * version as a strong {@code ETag}; a {@code PATCH} or {@code PUT} with {@code If-Match} applies only to that version
 * (412 otherwise), checked by the service after it has locked the row, so two writers who read the same version
 * cannot both win. Where a resource is shared, a write without {@code If-Match} is refused with 428.
 */
public final class IfMatch {
    public static final String HEADER = "If-Match";
    private static final Pattern TAG = Pattern.compile("\\s*(W/)?\"([^\"]*)\"\\s*(,|$)");
    private static final IfMatch NONE = new IfMatch(null, false);

    /** The versions the client accepts; null for any ({@code *}); empty list never happens (see {@link #of}). */
    private final List<String> versions;

    private final boolean sent;

    private IfMatch(List<String> versions, boolean sent) {
        this.versions = versions;
        this.sent = sent;
    }

    /** The strong entity tag of a version, as the {@code ETag} header carries it. */
    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** No condition: an internal write. */
    public static IfMatch none() {
        return NONE;
    }

    /** Whether the client named a version (or {@code *}). */
    public boolean isConditional() {
        return sent;
    }

    /** Reads the header (absent is fine here: whether it is required is the resource's call, in {@link #check}). */
    public static IfMatch of(String header) {
        if (header == null || header.isBlank()) {
            return NONE;
        }
        if (header.trim().equals("*")) {
            return new IfMatch(null, true);
        }
        List<String> versions = new ArrayList<>();
        Matcher matcher = TAG.matcher(header);
        int end = 0;
        while (end < header.length() && matcher.find(end) && matcher.start() == end) {
            // A weak tag never matches: If-Match compares strongly (RFC 9110, 13.1.1).
            if (matcher.group(1) == null) {
                versions.add(matcher.group(2));
            }
            end = matcher.end();
        }
        if (end < header.length() || end == 0) {
            throw ApiException.badRequest(HEADER + ": '" + header + "' is not a list of entity tags; send the ETag "
                    + "exactly as it came, quotes included (If-Match: \"7\").");
        }
        return new IfMatch(versions, true);
    }

    /**
     * Refuses with 412 unless the client named the current version (or {@code *}); call it with the row locked.
     * {@code shared}: both members can change it, so a write that names no version is refused (428) rather than
     * allowed to overwrite the other's change unseen.
     */
    public void check(long current, String what, boolean shared) {
        if (!sent) {
            if (shared) {
                throw new ApiException(
                        428,
                        "https://hearth.app/problems/precondition-required",
                        "Precondition Required",
                        what + " can be changed by both of you: send " + HEADER + " with the ETag you read it with "
                                + "(GET it first), so one change never silently overwrites the other.");
            }
            return;
        }
        if (versions != null && !versions.contains(Long.toString(current))) {
            throw new ApiException(
                    412,
                    "https://hearth.app/problems/precondition-failed",
                    "Precondition Failed",
                    what + " was changed since you read it (it is now at ETag " + etag(current) + "); nothing was "
                            + "changed. Read it again, apply your change to what is there now, and send it with the new ETag.");
        }
    }
}
