package app.hearth.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class EventCatalogueTest {

    @Test
    void everyTypeHasALoadableSchemaAndAVersionedName() {
        assertThat(EventCatalogue.all()).isNotEmpty().allSatisfy(type -> {
            assertThat(type.type()).matches("hearth\\.[a-z]+(\\.[a-z-]+)+\\.v\\d+");
            assertThat(EventSchemas.schema(type.schemaResource())).isNotNull();
        });
    }

    @Test
    void anEventWrittenByTheCatalogueValidatesAndReadsBack() {
        EventEnvelope event =
                EventEnvelope.create(PlatformEvents.PROBE, "/test", "key-1", new PlatformEvents.Probe("test", "p-1"));
        String json = EventJson.write(event);

        assertThat(EventSchemas.validate(json)).isEmpty();
        EventEnvelope read = EventJson.read(json);
        assertThat(read.id()).isEqualTo(event.id());
        assertThat(read.dataAs(PlatformEvents.PROBE)).isEqualTo(new PlatformEvents.Probe("test", "p-1"));
    }

    @Test
    void undeclaredDataFieldsAndBadEnvelopesAreReported() {
        String json = EventJson.write(
                EventEnvelope.create(PlatformEvents.PROBE, "/test", "key-1", new PlatformEvents.Probe("test", "p-1")));
        String extraField = json.replace("\"probeId\":", "\"privateNote\":\"secret\",\"probeId\":");
        assertThat(EventSchemas.validate(extraField))
                .anySatisfy(p -> assertThat(p).startsWith("data:"));

        String unversioned = json.replace("hearth.platform.probe.v1", "hearth.platform.probe");
        assertThat(EventSchemas.validate(unversioned)).isNotEmpty();
    }

    @Test
    void garbageIsNotAnEvent() {
        assertThatThrownBy(() -> EventJson.read("{not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventJson.read("{\"type\":\"x\"}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyIdFieldOfEverySchemaIsClassifiedForErasure() throws Exception {
        // A new field naming a person or couple must be added to EventMentions, or erased people could come back.
        Set<String> seen = new TreeSet<>();
        for (EventType<?> type : EventCatalogue.all()) {
            collectIdFields(EventSchemas.schema(type.schemaResource()).getSchemaNode(), seen);
        }
        assertThat(seen).isNotEmpty();
        assertThat(EventMentions.ID_FIELDS.keySet()).containsAll(seen);
    }

    private static void collectIdFields(JsonNode schema, Set<String> into) {
        if (schema.isMissingNode()) {
            return;
        }
        schema.path("properties").fields().forEachRemaining(f -> {
            if (f.getKey().matches(".*(Id|Ids|By)$")) {
                into.add(f.getKey());
            }
            collectIdFields(f.getValue(), into);
        });
        collectIdFields(schema.path("items"), into);
    }

    @Test
    void mentionsFindPeopleAndCouplesAtAnyDepth() {
        EventEnvelope completed = EventEnvelope.create(
                ExerciseEvents.CHECK_IN_COMPLETED,
                "/exercise-service",
                "c-1",
                new ExerciseEvents.CheckInCompleted(
                        "c-1",
                        "2026-W48",
                        CoupleEvents.CheckInCadence.WEEKLY,
                        Instant.now(),
                        List.of(
                                new ExerciseEvents.CheckInScores(
                                        "alice", ExerciseEvents.Mood.CALM, 2, 4, 5, ExerciseEvents.ScreenTime.UNDER_1H),
                                new ExerciseEvents.CheckInScores(
                                        "bob",
                                        ExerciseEvents.Mood.CALM,
                                        2,
                                        4,
                                        5,
                                        ExerciseEvents.ScreenTime.UNDER_1H))));
        EventMentions mentions = EventMentions.of(completed);
        assertThat(mentions.people()).contains("alice", "bob");
        assertThat(mentions.couples()).contains("c-1");

        EventEnvelope formed = EventEnvelope.create(
                CoupleEvents.FORMED,
                "/couple-service",
                "c-2",
                new CoupleEvents.CoupleFormed(
                        "c-2",
                        CoupleEvents.RelationshipKind.ROMANTIC,
                        List.of("ana", "ben"),
                        Instant.now(),
                        CoupleEvents.CheckInCadence.WEEKLY));
        assertThat(EventMentions.of(formed).people()).contains("ana", "ben");
    }

    @Test
    void consumersTolerateFieldsAddedLaterButNotBrokenData() throws Exception {
        String json = EventJson.write(EventEnvelope.create(
                PartnerEvents.ERASED, "/couple-service", "p-1", new PartnerEvents.PartnerErased("p-1")));
        var mapper = EventJson.mapper();
        assertThat(EventSchemas.validateAsConsumer(
                        mapper.readTree(json.replace("\"partnerId\":", "\"reason\":\"asked\",\"partnerId\":"))))
                .isEmpty();
        assertThat(EventSchemas.validateAsConsumer(
                        mapper.readTree(json.replace("\"partnerId\":\"p-1\"", "\"partnerId\":7"))))
                .isNotEmpty();
        assertThat(EventSchemas.validateAsConsumer(mapper.readTree(json.replace("erased.v1", "erased.v2"))))
                .anySatisfy(p -> assertThat(p).contains("unknown event type"));
    }

    @Test
    void anErasedPersonsPartGoesAndTheOthersKeepTheirs() {
        EventEnvelope completed = EventEnvelope.create(
                ExerciseEvents.CHECK_IN_COMPLETED,
                "/exercise-service",
                "c-1",
                new ExerciseEvents.CheckInCompleted(
                        "c-1",
                        "2026-W48",
                        CoupleEvents.CheckInCadence.WEEKLY,
                        Instant.now(),
                        List.of(
                                new ExerciseEvents.CheckInScores(
                                        "alice", ExerciseEvents.Mood.CALM, 2, 4, 5, ExerciseEvents.ScreenTime.UNDER_1H),
                                new ExerciseEvents.CheckInScores(
                                        "bob", ExerciseEvents.Mood.SAD, 2, 1, 1, ExerciseEvents.ScreenTime.OVER_3H))));
        EventEnvelope kept = EventMentions.without(completed, Set.of("bob")).orElseThrow();
        assertThat(kept.dataAs(ExerciseEvents.CHECK_IN_COMPLETED).scores())
                .extracting(ExerciseEvents.CheckInScores::partnerId)
                .containsExactly("alice");
        assertThat(kept.data().toString()).doesNotContain("bob", "SAD");

        EventEnvelope formed = EventEnvelope.create(
                CoupleEvents.FORMED,
                "/couple-service",
                "c-2",
                new CoupleEvents.CoupleFormed(
                        "c-2",
                        CoupleEvents.RelationshipKind.ROMANTIC,
                        List.of("ana", "ben"),
                        Instant.now(),
                        CoupleEvents.CheckInCadence.WEEKLY));
        assertThat(EventMentions.without(formed, Set.of("ben"))
                        .orElseThrow()
                        .dataAs(CoupleEvents.FORMED)
                        .memberIds())
                .containsExactly("ana");

        EventEnvelope started = EventEnvelope.create(
                ExerciseEvents.SESSION_STARTED,
                "/exercise-service",
                "c-2",
                new ExerciseEvents.SessionStarted(
                        "c-2",
                        "s-1",
                        "love-maps",
                        "CONVERSATION",
                        "BEGINNER",
                        List.of("SAFETY"),
                        "ben",
                        Instant.now()));
        assertThat(EventMentions.without(started, Set.of("ben"))
                        .orElseThrow()
                        .dataAs(ExerciseEvents.SESSION_STARTED)
                        .startedBy())
                .isNull();

        // About the erased person themself: nothing of it is kept.
        EventEnvelope submitted = EventEnvelope.create(
                ExerciseEvents.CHECK_IN_SUBMITTED,
                "/exercise-service",
                "c-1",
                new ExerciseEvents.CheckInSubmitted(
                        "c-1", "bob", "2026-W48", CoupleEvents.CheckInCadence.WEEKLY, Instant.now()));
        assertThat(EventMentions.without(submitted, Set.of("bob"))).isEmpty();
        EventEnvelope registered = EventEnvelope.create(
                PartnerEvents.REGISTERED,
                "/couple-service",
                "bob",
                new PartnerEvents.PartnerRegistered(
                        new PartnerEvents.PartnerProfile("bob", "Bob", "UTC", "en", null, null, 4)));
        assertThat(EventMentions.without(registered, Set.of("bob"))).isEmpty();
    }
}
