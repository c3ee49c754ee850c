package app.hearth.couple;

import app.hearth.events.PartnerEvents;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalTime;

/** A person using Hearth: their profile, keyed by the subject of their token. */
@Entity
public class Partner extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "display_name", nullable = false, length = 80)
    public String displayName;

    /** IANA zone id: rituals, check-in periods and reminders follow the person's own clock. */
    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(nullable = false)
    public String locale;

    /** Local times; start after end means the quiet hours wrap midnight (22:00 to 07:00). */
    @Column(name = "quiet_hours_start", nullable = false)
    public LocalTime quietHoursStart;

    @Column(name = "quiet_hours_end", nullable = false)
    public LocalTime quietHoursEnd;

    /** The hour the person's day starts: a night owl's Tuesday may run until 04:00 on Wednesday. */
    @Column(name = "start_of_day_hour", nullable = false)
    public short startOfDayHour;

    @Enumerated(EnumType.STRING)
    @Column(name = "attachment_style")
    public AttachmentStyle attachmentStyle;

    @Column(name = "share_attachment_style", nullable = false)
    public boolean shareAttachmentStyle;

    /** Whether the person holds one romantic relationship at a time or chose more than one (never shown to partners). */
    @Enumerated(EnumType.STRING)
    @Column(name = "romantic_relationships", nullable = false)
    public RomanticRelationships romanticRelationships = RomanticRelationships.ONE_AT_A_TIME;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    /** The part of the profile other services act on. */
    public PartnerEvents.PartnerProfile toEventProfile() {
        return new PartnerEvents.PartnerProfile(
                id, displayName, timeZone, locale, quietHoursStart, quietHoursEnd, startOfDayHour);
    }
}
