package app.hearth.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventHandlersTest {

    @Test
    void eachTypeGoesToItsHandlerWithItsDataAndOtherTypesAreSkipped() {
        List<String> seen = new ArrayList<>();
        EventHandlers handlers = new EventHandlers()
                .on(PartnerEvents.ERASED, erased -> seen.add("erased " + erased.partnerId()))
                .onWithEnvelope(
                        CoupleEvents.PURGED,
                        (purged, event) -> seen.add("purged " + purged.coupleId() + " " + event.subject()));
        assertThat(handlers.apply(EventEnvelope.create(
                        PartnerEvents.ERASED, "/couple-service", "p-1", new PartnerEvents.PartnerErased("p-1"))))
                .isTrue();
        assertThat(handlers.apply(EventEnvelope.create(
                        CoupleEvents.PURGED, "/couple-service", "c-1", new CoupleEvents.CouplePurged("c-1"))))
                .isTrue();
        assertThat(handlers.apply(
                        EventEnvelope.create(PlatformEvents.PROBE, "/x", "k", new PlatformEvents.Probe("x", "1"))))
                .isFalse();
        assertThat(seen).containsExactly("erased p-1", "purged c-1 c-1");
        assertThat(handlers.types()).containsExactlyInAnyOrder(PartnerEvents.ERASED, CoupleEvents.PURGED);
    }

    @Test
    void onlyCatalogueTypesOnceEach() {
        EventType<PartnerEvents.PartnerErased> stray =
                new EventType<>("hearth.partner.erased.v2", Topics.PARTNER_EVENTS, PartnerEvents.PartnerErased.class);
        assertThatThrownBy(() -> new EventHandlers().on(stray, e -> {}))
                .hasMessageContaining("not a type of the event catalogue");
        assertThatThrownBy(() ->
                        new EventHandlers().on(PartnerEvents.ERASED, e -> {}).on(PartnerEvents.ERASED, e -> {}))
                .hasMessageContaining("has a handler already");
    }
}
