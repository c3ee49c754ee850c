package app.hearth.reminder;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/** A person's vacation: none of their reminders fire through {@code untilDate} (their local calendar). */
@Entity
@Table(name = "reminder_pause")
public class ReminderPause extends PanacheEntityBase {

    @Id
    @Column(name = "partner_id")
    public String partnerId;

    @Column(name = "until_date", nullable = false)
    public LocalDate untilDate;

    @Column(name = "paused_at", nullable = false)
    public Instant pausedAt;
}
