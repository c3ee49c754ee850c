package app.hearth.couple;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A failed attempt to accept an invitation code: the rate limit counts these per person. */
@Entity
@Table(name = "accept_attempt")
public class AcceptAttempt extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "partner_id", nullable = false)
    public String partnerId;

    @Column(name = "attempted_at", nullable = false)
    public Instant attemptedAt;
}
