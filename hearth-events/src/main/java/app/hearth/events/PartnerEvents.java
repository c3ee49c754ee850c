package app.hearth.events;

import java.time.LocalTime;

/** Events on {@code partner-events}, keyed by partner id (the person's OIDC subject). */
public final class PartnerEvents {

    /**
     * What other services need of a person's profile to act in their own calendar: time zone, quiet hours and the
     * hour their day starts. The display name is the only text a person wrote that goes on Kafka.
     */
    public record PartnerProfile(
            String partnerId,
            String displayName,
            String timeZone,
            String locale,
            LocalTime quietHoursStart,
            LocalTime quietHoursEnd,
            int startOfDayHour) {}

    public record PartnerRegistered(PartnerProfile profile) {}

    public record PartnerProfileUpdated(PartnerProfile profile) {}

    /** The person asked to be forgotten: every service deletes what it holds about them. */
    public record PartnerErased(String partnerId) {}

    public static final EventType<PartnerRegistered> REGISTERED =
            new EventType<>("hearth.partner.registered.v1", Topics.PARTNER_EVENTS, PartnerRegistered.class);
    public static final EventType<PartnerProfileUpdated> PROFILE_UPDATED =
            new EventType<>("hearth.partner.profile-updated.v1", Topics.PARTNER_EVENTS, PartnerProfileUpdated.class);
    public static final EventType<PartnerErased> ERASED =
            new EventType<>("hearth.partner.erased.v1", Topics.PARTNER_EVENTS, PartnerErased.class);

    private PartnerEvents() {}
}
