package app.hearth.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.events.CoupleEvents;
import app.hearth.events.EventCatalogue;
import app.hearth.events.EventEnvelope;
import app.hearth.events.EventJson;
import app.hearth.events.EventType;
import app.hearth.events.PartnerEvents;
import app.hearth.platform.messaging.EventConsumer;
import app.hearth.platform.messaging.InboxProcessor;
import app.hearth.platform.privacy.ErasureRepair;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Erasure holds whatever order a service's consumers see events in (issue 30). For every type of the event catalogue
 * that this service consumes, against both erasures (a person's, a couple's purge): the event and the erasure applied
 * in both orders, each still committing while the other applies, and the event written back as a service did before
 * the erasure lock (then {@link ErasureRepair} run). Afterwards no row of any table of the service's database mentions
 * the erased person or purged couple. The types come from the catalogue and their events from their schemas
 * ({@link EventSamples}), so a new type is covered without anyone listing it.
 *
 * <p>Each consuming service's {@code ErasureOrderTest} extends this.
 */
public abstract class ErasureOrderContract {

    @Inject
    InboxProcessor inbox;

    @Inject
    @Any
    Instance<EventConsumer> consumers;

    @Inject
    ErasureRepair repair;

    @Inject
    AgroalDataSource database;

    /** One erasure: the event that carries it, and the id that must leave no trace. */
    private record Erasure(String name, EventType<?> type, Function<EventSamples.Ids, String> erased) {
        EventEnvelope event(EventSamples.Ids ids) {
            return EventSamples.of(type, ids);
        }
    }

    private static final List<Erasure> ERASURES = List.of(
            new Erasure("PartnerErased", PartnerEvents.ERASED, EventSamples.Ids::person),
            new Erasure("CouplePurged", CoupleEvents.PURGED, EventSamples.Ids::couple));

    @TestFactory
    Stream<DynamicNode> erasureHoldsInEveryOrder() {
        List<DynamicNode> nodes = new ArrayList<>();
        nodes.add(DynamicTest.dynamicTest("the repair ran once at start-up and recorded it", () -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!repairRecorded() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(repairRecorded()).isTrue();
        }));
        for (Erasure erasure : ERASURES) {
            for (EventType<?> type : EventSamples.types()) {
                if (type.equals(erasure.type()) || consumersOf(type).isEmpty()) {
                    continue;
                }
                nodes.add(DynamicContainer.dynamicContainer(
                        erasure.name() + " and " + type.type(),
                        Stream.of(
                                DynamicTest.dynamicTest(
                                        "the event, then the erasure", () -> inOrder(erasure, type, false)),
                                DynamicTest.dynamicTest(
                                        "the erasure, then the event", () -> inOrder(erasure, type, true)),
                                DynamicTest.dynamicTest(
                                        "the event while the erasure is still committing",
                                        () -> concurrently(erasure, type, true)),
                                DynamicTest.dynamicTest(
                                        "the erasure while the event is still committing",
                                        () -> concurrently(erasure, type, false)),
                                DynamicTest.dynamicTest(
                                        "written back before the erasure lock, then repaired",
                                        () -> repaired(erasure, type)))));
            }
        }
        return nodes.stream();
    }

    private void inOrder(Erasure erasure, EventType<?> type, boolean erasureFirst) {
        EventSamples.Ids ids = EventSamples.Ids.fresh();
        background(ids, type);
        EventEnvelope event = EventSamples.of(type, ids);
        if (erasureFirst) {
            deliver(erasure.event(ids));
            deliver(event);
        } else {
            deliver(event);
            deliver(erasure.event(ids));
        }
        assertNoTrace(erasure.erased().apply(ids));
    }

    /**
     * The first event applied in a transaction held open; the second delivered meanwhile on another thread, as another
     * channel of the service would. Once the second has finished or waits on the first, the first commits.
     */
    private void concurrently(Erasure erasure, EventType<?> type, boolean erasureHeld) throws Exception {
        EventSamples.Ids ids = EventSamples.Ids.fresh();
        background(ids, type);
        EventEnvelope event = EventSamples.of(type, ids);
        EventEnvelope held = erasureHeld ? erasure.event(ids) : event;
        EventEnvelope meanwhile = erasureHeld ? event : erasure.event(ids);
        CompletableFuture<Void> second;
        try (HeldTransaction first = HeldTransaction.start(database, () -> applyTo(held))) {
            second = CompletableFuture.runAsync(() -> deliver(meanwhile));
            first.waitedOnBy(
                    second); // either way: once the second waits on the first or has finished, the first commits
        }
        second.get(30, TimeUnit.SECONDS);
        assertNoTrace(erasure.erased().apply(ids));
    }

    /**
     * The erasure applied, then the event applied by the consumers directly, past the inbox's erasure check, as an
     * event racing the erasure was before the lock; the repair must then remove what it wrote, and find nothing the
     * second time.
     */
    private void repaired(Erasure erasure, EventType<?> type) {
        EventSamples.Ids ids = EventSamples.Ids.fresh();
        background(ids, type);
        deliver(erasure.event(ids));
        EventEnvelope event = EventSamples.of(type, ids);
        QuarkusTransaction.requiringNew().run(() -> consumersOf(type).forEach(c -> c.apply(event)));
        String erased = erasure.erased().apply(ids);
        repair.run();
        assertNoTrace(erased);
        ErasureRepair.Result again = repair.run();
        assertThat(again.people()).doesNotContain(erased);
        assertThat(again.couples()).doesNotContain(erased);
    }

    /** What the people and couple already had: both registered and, unless the event is the formation, a couple. */
    private void background(EventSamples.Ids ids, EventType<?> type) {
        deliver(EventSamples.of(PartnerEvents.REGISTERED, ids));
        deliver(EventSamples.of(
                PartnerEvents.REGISTERED, new EventSamples.Ids(ids.other(), ids.person(), ids.couple())));
        if (!type.equals(CoupleEvents.FORMED)) {
            deliver(EventSamples.of(CoupleEvents.FORMED, ids));
        }
    }

    /** As the live path: the payload checked against the catalogue, then each consumer in a transaction of its own. */
    private void deliver(EventEnvelope event) {
        EventEnvelope valid = InboxProcessor.checked(typeOf(event).topic(), EventJson.write(event));
        for (EventConsumer consumer : consumersOf(typeOf(valid))) {
            QuarkusTransaction.requiringNew().run(() -> inbox.apply(consumer.name(), valid, consumer::apply));
        }
    }

    /** Each consumer of the event's topic, in the caller's transaction. */
    private void applyTo(EventEnvelope event) {
        EventEnvelope valid = InboxProcessor.checked(typeOf(event).topic(), EventJson.write(event));
        for (EventConsumer consumer : consumersOf(typeOf(valid))) {
            inbox.apply(consumer.name(), valid, consumer::apply);
        }
    }

    private static EventType<?> typeOf(EventEnvelope event) {
        return EventCatalogue.byType(event.type()).orElseThrow();
    }

    private List<EventConsumer> consumersOf(EventType<?> type) {
        return consumers.stream()
                .filter(c -> c.topics().contains(type.topic()))
                .sorted(Comparator.comparing(EventConsumer::name))
                .toList();
    }

    private boolean repairRecorded() throws SQLException {
        try (Connection c = database.getConnection();
                PreparedStatement s =
                        c.prepareStatement("select count(*) from one_off_task where name like 'erasure-repair%'");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }

    private void assertNoTrace(String erased) {
        assertThat(DatabaseScan.rowsMentioning(database, erased))
                .as("rows still mentioning %s", erased)
                .isEmpty();
    }
}
