package app.hearth.events;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        EventEnvelope event = EventEnvelope.create(PlatformEvents.PROBE, "/test", "key-1",
                new PlatformEvents.Probe("test", "p-1"));
        String json = EventJson.write(event);

        assertThat(EventSchemas.validate(json)).isEmpty();
        EventEnvelope read = EventJson.read(json);
        assertThat(read.id()).isEqualTo(event.id());
        assertThat(read.dataAs(PlatformEvents.PROBE)).isEqualTo(new PlatformEvents.Probe("test", "p-1"));
    }

    @Test
    void undeclaredDataFieldsAndBadEnvelopesAreReported() {
        String json = EventJson.write(EventEnvelope.create(PlatformEvents.PROBE, "/test", "key-1",
                new PlatformEvents.Probe("test", "p-1")));
        String extraField = json.replace("\"probeId\":", "\"privateNote\":\"secret\",\"probeId\":");
        assertThat(EventSchemas.validate(extraField)).anySatisfy(p -> assertThat(p).startsWith("data:"));

        String unversioned = json.replace("hearth.platform.probe.v1", "hearth.platform.probe");
        assertThat(EventSchemas.validate(unversioned)).isNotEmpty();
    }

    @Test
    void garbageIsNotAnEvent() {
        assertThatThrownBy(() -> EventJson.read("{not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventJson.read("{\"type\":\"x\"}")).isInstanceOf(IllegalArgumentException.class);
    }
}
