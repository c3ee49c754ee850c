package app.hearth.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.events.CoupleEvents;
import app.hearth.events.EventEnvelope;
import app.hearth.events.EventJson;
import app.hearth.events.EventSchemas;
import app.hearth.events.ExerciseEvents;
import app.hearth.events.PartnerEvents;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SealedPartsTest {
    static final SecretKey ALICE = new SecretKeySpec(new byte[32], "AES");
    static final SecretKey BOB = new SecretKeySpec(
            new byte[] {
                1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
                15, 16
            },
            "AES");
    static final Map<String, SecretKey> KEYS = Map.of("alice/k1", ALICE, "bob/k2", BOB);

    static EventEnvelope checkIn() {
        return EventEnvelope.create(
                ExerciseEvents.CHECK_IN_COMPLETED,
                "/exercise-service",
                "c-1",
                new ExerciseEvents.CheckInCompleted(
                        "00000000-0000-0000-0000-000000000001",
                        "2026-W48",
                        CoupleEvents.CheckInCadence.WEEKLY,
                        Instant.parse("2026-11-26T10:00:00Z"),
                        List.of(
                                new ExerciseEvents.CheckInScores(
                                        "alice",
                                        ExerciseEvents.Mood.LONELY,
                                        4,
                                        2,
                                        3,
                                        ExerciseEvents.ScreenTime.OVER_3H),
                                new ExerciseEvents.CheckInScores(
                                        "bob",
                                        ExerciseEvents.Mood.JOYFUL,
                                        2,
                                        7,
                                        9,
                                        ExerciseEvents.ScreenTime.UNDER_1H))));
    }

    static Optional<SecretKey> key(String owner, String keyId) {
        return Optional.ofNullable(KEYS.get(owner + "/" + keyId));
    }

    static SealedParts.KeyRef keyFor(String owner) {
        return owner.equals("alice") ? new SealedParts.KeyRef("k1", ALICE) : new SealedParts.KeyRef("k2", BOB);
    }

    @Test
    void sealedScoresTravelUnreadableAndOpenWithTheOwnersKey() {
        EventEnvelope event = checkIn();
        String wire = SealedParts.seal(EventJson.write(event), SealedPartsTest::keyFor);

        assertThat(wire)
                .doesNotContain("LONELY", "JOYFUL", "OVER_3H", "closeness")
                .contains("\"partnerId\":\"alice\"", "sealed");
        assertThat(EventSchemas.validate(wire)).isEmpty();
        EventEnvelope opened = SealedParts.open(EventJson.read(wire), SealedPartsTest::key);
        assertThat(opened.dataAs(ExerciseEvents.CHECK_IN_COMPLETED))
                .isEqualTo(event.dataAs(ExerciseEvents.CHECK_IN_COMPLETED));
    }

    @Test
    void aDestroyedKeyTakesItsOwnersPartAndNothingElse() {
        String wire = SealedParts.seal(EventJson.write(checkIn()), SealedPartsTest::keyFor);
        EventEnvelope withoutAlice = SealedParts.open(
                EventJson.read(wire), (owner, keyId) -> owner.equals("alice") ? Optional.empty() : key(owner, keyId));
        assertThat(withoutAlice.dataAs(ExerciseEvents.CHECK_IN_COMPLETED).scores())
                .singleElement()
                .satisfies(s -> assertThat(s.partnerId()).isEqualTo("bob"))
                .satisfies(s -> assertThat(s.closeness()).isEqualTo(7));

        // Someone already erased when the event was published: sealed with no key at all.
        String forNobody =
                SealedParts.seal(EventJson.write(checkIn()), owner -> owner.equals("alice") ? null : keyFor(owner));
        assertThat(forNobody).contains("\"key\":\"none\"").doesNotContain("LONELY");
        assertThat(SealedParts.open(EventJson.read(forNobody), SealedPartsTest::key)
                        .dataAs(ExerciseEvents.CHECK_IN_COMPLETED)
                        .scores())
                .extracting(ExerciseEvents.CheckInScores::partnerId)
                .containsExactly("bob");
    }

    @Test
    void aBoxMovedToAnotherEventDoesNotOpen() {
        String one = SealedParts.seal(EventJson.write(checkIn()), SealedPartsTest::keyFor);
        EventEnvelope other = checkIn();
        String moved = EventJson.write(new EventEnvelope(
                other.specversion(),
                other.id(),
                other.source(),
                other.type(),
                other.subject(),
                other.time(),
                other.datacontenttype(),
                EventJson.read(one).data()));
        assertThatThrownBy(() -> SealedParts.open(EventJson.read(moved), SealedPartsTest::key))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void displayNamesAreSealedToo() {
        EventEnvelope registered = EventEnvelope.create(
                PartnerEvents.REGISTERED,
                "/couple-service",
                "alice",
                new PartnerEvents.PartnerRegistered(new PartnerEvents.PartnerProfile(
                        "alice", "Alice Liddell", "Europe/London", "en", LocalTime.of(22, 0), LocalTime.of(7, 0), 4)));
        String wire = SealedParts.seal(EventJson.write(registered), SealedPartsTest::keyFor);
        assertThat(wire).doesNotContain("Liddell").contains("Europe/London");
        assertThat(EventSchemas.validate(wire)).isEmpty();
        assertThat(SealedParts.open(EventJson.read(wire), SealedPartsTest::key)
                        .dataAs(PartnerEvents.REGISTERED)
                        .profile()
                        .displayName())
                .isEqualTo("Alice Liddell");
        assertThat(SealedParts.open(EventJson.read(wire), (o, k) -> Optional.empty())
                        .dataAs(PartnerEvents.REGISTERED)
                        .profile()
                        .displayName())
                .isNull();
    }
}
