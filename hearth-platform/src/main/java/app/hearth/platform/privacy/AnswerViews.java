package app.hearth.platform.privacy;

/**
 * The values of the {@code view} field that tells apart the two shapes of an answer that depends on who reads it (a
 * couple, a check-in): a member's view and a partner app's (the OpenAPI discriminator).
 */
public final class AnswerViews {
    public static final String MEMBER = "member";
    public static final String PARTNER_APP = "partner-app";

    private AnswerViews() {}
}
