package app.hearth.platform.privacy;

import app.hearth.events.EventEnvelope;
import app.hearth.events.PersonalFields;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Seals events' personal fields on their way out (the outbox relay, just before Kafka) and opens them on their way in
 * (every consumer, through the inbox). Outbox rows keep what the service itself already holds in clear; only copies
 * that leave the service are sealed.
 */
@ApplicationScoped
public class EventSealer {

    @Inject
    PersonKeyring keyring;

    @Inject
    ErasureLedger ledger;

    /** The payload to publish: personal fields sealed with each owner's key (none for someone already erased). */
    public String seal(String type, String payload, Connection connection) {
        if (!PersonalFields.hasPersonalFields(type)) {
            return payload;
        }
        return SealedParts.seal(payload, owner -> erased(connection, owner) ? null : keyring.keyFor(owner));
    }

    /**
     * The event with its sealed parts opened. If a key is not known yet, the key topic is read up to its current end
     * first (a key is always published before the first event sealed with it); a key still unknown then is gone (its
     * owner was erased) and that owner's part goes. Throws, to be retried, if the key topic cannot be read.
     */
    public EventEnvelope open(EventEnvelope event) {
        if (!PersonalFields.hasPersonalFields(event.type())) {
            return event;
        }
        if (!SealedParts.missingKeys(event, keyring::key).isEmpty()) {
            keyring.awaitCaughtUp();
            for (String[] missing : SealedParts.missingKeys(event, keyring::key)) {
                if (keyring.cannotUnwrap(missing[0], missing[1])) {
                    throw new UnopenablePartException(
                            "event " + event.id() + " has a part sealed with a key this service "
                                    + "cannot unwrap (is HEARTH_KEY_WRAPPING_KEY its peers'?); set aside, not read as erased");
                }
            }
        }
        return SealedParts.open(event, keyring::key);
    }

    /** A sealed part whose key exists but cannot be unwrapped here: the event is set aside, never applied without it. */
    public static class UnopenablePartException extends RuntimeException {
        UnopenablePartException(String message) {
            super(message);
        }
    }

    private boolean erased(Connection connection, String person) {
        try (PreparedStatement query =
                connection.prepareStatement("select 1 from erased_subject where subject_hash = ?")) {
            query.setString(1, ledger.hash(ErasureLedger.Kind.PERSON, person));
            try (ResultSet rs = query.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the erasure ledger: " + e.getMessage(), e);
        }
    }
}
