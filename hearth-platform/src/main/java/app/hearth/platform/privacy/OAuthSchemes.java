package app.hearth.platform.privacy;

import java.util.Set;

/**
 * The names of the API's two OAuth 2 security schemes. An operation partner apps may call says so with
 * {@code @SecurityRequirement(name = PEOPLE)} and {@code @SecurityRequirement(name = PARTNER_APPS, scopes = "...")}
 * (either one suffices); an operation with neither is for people only (the build adds {@code PEOPLE}), and
 * {@link PartnerAppAccess} refuses partner apps there.
 */
public final class OAuthSchemes {

    /** People signed in through the Hearth apps: authorization code flow with PKCE. */
    public static final String PEOPLE = "hearth-people";

    /** Partner apps (a therapist's platform): client credentials, limited to what a couple granted them. */
    public static final String PARTNER_APPS = "hearth-partner-apps";

    public static final String COUPLES_READ = "couples.read";
    public static final String CHECKINS_READ = "checkins.read";
    public static final String INSIGHTS_READ = "insights.read";
    public static final String REMINDERS_READ = "reminders.read";

    /** Every scope a partner app may be granted (and request in its token). */
    public static final Set<String> SCOPES = Set.of(COUPLES_READ, CHECKINS_READ, INSIGHTS_READ, REMINDERS_READ);

    private OAuthSchemes() {}
}
