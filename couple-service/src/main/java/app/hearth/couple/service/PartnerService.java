package app.hearth.couple.service;

import app.hearth.couple.AttachmentStyle;
import app.hearth.couple.Partner;
import app.hearth.couple.RomanticRelationships;
import app.hearth.events.PartnerEvents;
import app.hearth.platform.http.ApiException;
import app.hearth.platform.http.IfMatch;
import app.hearth.platform.messaging.Outbox;
import app.hearth.platform.privacy.Caller;
import app.hearth.platform.privacy.ErasureLedger;
import app.hearth.platform.privacy.Erasures;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

@ApplicationScoped
public class PartnerService {
    @Inject
    Clock clock;

    static final String DEFAULT_TIME_ZONE = "UTC";
    static final String DEFAULT_LOCALE = "en";
    static final LocalTime DEFAULT_QUIET_START = LocalTime.of(22, 0);
    static final LocalTime DEFAULT_QUIET_END = LocalTime.of(7, 0);
    /** Most people's "today" is not over at midnight: a check-in at 01:30 still belongs to the evening before. */
    static final short DEFAULT_START_OF_DAY = 4;

    @Inject
    Outbox outbox;

    @Inject
    ErasureLedger ledger;

    @Inject
    Erasures erasures;

    @Inject
    AccountDeletions accountDeletions;

    /**
     * The caller's profile, created on their first authenticated call (and announced with PartnerRegistered).
     * Concurrent first calls race on the primary key; the insert is idempotent, so one wins and both read it.
     */
    @Transactional
    public Partner me(String subject, String nameFromToken) {
        Partner existing = Partner.findById(subject);
        if (existing != null) {
            return existing;
        }
        requireNotErasedMeanwhile(subject);
        Instant now = clock.instant();
        String displayName =
                nameFromToken == null || nameFromToken.isBlank() ? "Me" : truncate(nameFromToken.strip(), 80);
        int inserted = Panache.getEntityManager()
                .createNativeQuery("""
                        insert into partner (id, display_name, time_zone, locale, quiet_hours_start, quiet_hours_end,
                                             start_of_day_hour, share_attachment_style, created_at, updated_at, version)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, false, ?8, ?8, 0)
                        on conflict (id) do nothing""")
                .setParameter(1, subject)
                .setParameter(2, displayName)
                .setParameter(3, DEFAULT_TIME_ZONE)
                .setParameter(4, DEFAULT_LOCALE)
                .setParameter(5, DEFAULT_QUIET_START)
                .setParameter(6, DEFAULT_QUIET_END)
                .setParameter(7, DEFAULT_START_OF_DAY)
                .setParameter(8, now)
                .executeUpdate();
        Partner partner = Partner.findById(subject);
        if (inserted == 1) {
            outbox.publish(
                    PartnerEvents.REGISTERED, subject, new PartnerEvents.PartnerRegistered(partner.toEventProfile()));
        }
        return partner;
    }

    /** A profile change; null fields stay as they are, an empty attachmentStyle clears it. */
    public record ProfileChanges(
            String displayName,
            String timeZone,
            String locale,
            LocalTime quietHoursStart,
            LocalTime quietHoursEnd,
            Integer startOfDayHour,
            Optional<AttachmentStyle> attachmentStyle,
            Boolean shareAttachmentStyle,
            RomanticRelationships romanticRelationships) {}

    @Transactional
    public Partner update(String subject, String nameFromToken, ProfileChanges changes, IfMatch ifMatch) {
        requireNotErasedMeanwhile(subject);
        me(subject, nameFromToken);
        Partner partner = Partner.findById(subject, LockModeType.PESSIMISTIC_WRITE);
        ifMatch.check(partner.version, "Your profile", false);
        PartnerEvents.PartnerProfile before = partner.toEventProfile();
        if (changes.displayName() != null) {
            partner.displayName = changes.displayName().strip();
        }
        if (changes.timeZone() != null) {
            if (!ZoneId.getAvailableZoneIds().contains(changes.timeZone())) {
                throw ApiException.badRequest(
                        "timeZone: '" + changes.timeZone() + "' is not an IANA time zone. Use a "
                                + "region such as Europe/Paris or America/New_York, not an offset, so daylight saving is followed.");
            }
            partner.timeZone = changes.timeZone();
        }
        if (changes.locale() != null) {
            partner.locale = changes.locale();
        }
        if (changes.quietHoursStart() != null) {
            partner.quietHoursStart = changes.quietHoursStart();
            partner.quietHoursEnd = changes.quietHoursEnd();
        }
        if (changes.startOfDayHour() != null) {
            partner.startOfDayHour = changes.startOfDayHour().shortValue();
        }
        if (changes.attachmentStyle() != null) {
            partner.attachmentStyle = changes.attachmentStyle().orElse(null);
        }
        if (changes.shareAttachmentStyle() != null) {
            partner.shareAttachmentStyle = changes.shareAttachmentStyle();
        }
        if (changes.romanticRelationships() != null) {
            // Governs pairings from now on: relationships already held stay as they are.
            partner.romanticRelationships = changes.romanticRelationships();
        }
        partner.updatedAt = clock.instant();
        PartnerEvents.PartnerProfile after = partner.toEventProfile();
        if (!Objects.equals(before, after)) {
            outbox.publish(PartnerEvents.PROFILE_UPDATED, subject, new PartnerEvents.PartnerProfileUpdated(after));
        }
        return partner;
    }

    /**
     * Forgets the person: every part of this service erases its share ({@link CouplePersonalData}: their relationships
     * end, and one nobody is left in is purged at once; their invitations, attempts, memberships and profile go), and
     * PartnerErased tells every other service to do the same, whether or not this service ever held a profile
     * (someone who only used reminders is erased too). The erasure ledger makes it happen once: a retried or
     * concurrent call finds it recorded and announces nothing more; every token of the person is refused from now on
     * (see Caller), and their login is queued for deletion at the identity provider when configured. Their sealed name
     * on partner-events becomes unreadable once this commits: this service wrote those keys and tombstones them
     * ({@code PersonKeyring}).
     */
    @Transactional
    public void erase(String subject) {
        Instant now = clock.instant();
        if (erasures.erasePerson(subject, now)) {
            accountDeletions.queue(subject, now);
            outbox.publish(PartnerEvents.ERASED, subject, new PartnerEvents.PartnerErased(subject));
        }
    }

    /**
     * The request was checked against the erasure ledger before this transaction began: an erasure committed since, or
     * still committing, must not find the profile written again (it is waited for, then refused).
     */
    private void requireNotErasedMeanwhile(String subject) {
        if (ledger.heldAgainstErasure(subject)) {
            throw Caller.accountErased();
        }
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
