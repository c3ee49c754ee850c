package app.hearth.reminder;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A person's reminder preferences; no row means the defaults. */
@Entity
@Table(name = "reminder_settings")
public class ReminderSettings extends PanacheEntityBase {

    @Id
    @Column(name = "partner_id")
    public String partnerId;

    /** "Your partner is waiting" nudges; on unless the person turned them off. */
    @Column(name = "partner_waiting_nudge", nullable = false)
    public boolean partnerWaitingNudge = true;

    /** Pushes show the reminder's own words on a locked screen; off unless the person turned it on. */
    @Column(name = "lock_screen_details", nullable = false)
    public boolean lockScreenDetails = false;

    public static boolean wantsPartnerWaitingNudge(String partnerId) {
        ReminderSettings settings = findById(partnerId);
        return settings == null || settings.partnerWaitingNudge;
    }
}
