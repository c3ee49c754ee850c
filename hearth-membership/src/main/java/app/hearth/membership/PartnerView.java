package app.hearth.membership;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalTime;

/** A partner's calendar: their IANA zone and the hour their day starts. */
@Entity
@Table(name = "partner_view")
public class PartnerView extends PanacheEntityBase {

    @Id
    @Column(name = "partner_id")
    public String partnerId;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(name = "start_of_day_hour", nullable = false)
    public short startOfDayHour;

    /** Local times; start after end wraps midnight. Null until the profile event arrives. */
    @Column(name = "quiet_hours_start")
    public LocalTime quietHoursStart;

    @Column(name = "quiet_hours_end")
    public LocalTime quietHoursEnd;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
