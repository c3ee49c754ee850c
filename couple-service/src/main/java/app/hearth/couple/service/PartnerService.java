package app.hearth.couple.service;

import app.hearth.couple.Partner;
import app.hearth.events.PartnerEvents;
import app.hearth.platform.outbox.Outbox;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.LocalTime;

@ApplicationScoped
public class PartnerService {
    static final String DEFAULT_TIME_ZONE = "UTC";
    static final String DEFAULT_LOCALE = "en";

    @Inject
    Outbox outbox;

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
        Instant now = Instant.now();
        String displayName = nameFromToken == null || nameFromToken.isBlank() ? "Me" : truncate(nameFromToken.trim(), 80);
        int inserted = Panache.getEntityManager().createNativeQuery("""
                        insert into partner (id, display_name, time_zone, locale, quiet_hours_start, quiet_hours_end,
                                             start_of_day_hour, share_attachment_style, created_at, updated_at, version)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, false, ?8, ?8, 0)
                        on conflict (id) do nothing""")
                .setParameter(1, subject)
                .setParameter(2, displayName)
                .setParameter(3, DEFAULT_TIME_ZONE)
                .setParameter(4, DEFAULT_LOCALE)
                .setParameter(5, LocalTime.of(22, 0))
                .setParameter(6, LocalTime.of(7, 0))
                .setParameter(7, (short) 4)
                .setParameter(8, now)
                .executeUpdate();
        Partner partner = Partner.findById(subject);
        if (inserted == 1) {
            outbox.publish(PartnerEvents.REGISTERED, subject, new PartnerEvents.PartnerRegistered(partner.toEventProfile()));
        }
        return partner;
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
