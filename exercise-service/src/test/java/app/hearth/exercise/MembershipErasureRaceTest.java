package app.hearth.exercise;

import app.hearth.events.EventEnvelope;
import app.hearth.events.PartnerEvents;
import app.hearth.membership.CoupleServiceEventsConsumer;
import app.hearth.platform.inbox.InboxProcessor;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static app.hearth.exercise.CheckInTest.as;
import static app.hearth.exercise.CheckInTest.pair;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No resurrection through the REST confirmation (issues 24 and 30): a member's erasure is still committing here while
 * their partner's request confirms the couple with couple-service, whose answer still lists them. The confirmation
 * waits for the erasure and stores the couple without the erased member.
 */
@QuarkusTest
class MembershipErasureRaceTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    InboxProcessor inbox;

    @Inject
    CoupleServiceEventsConsumer membership;

    @Test
    void aConfirmationRacingAMembersErasureDoesNotWriteThemBack() throws Exception {
        Person ann = TestUsers.create("Ann");
        Person ben = TestUsers.create("Ben");
        String couple = pair(ann, ben, "ROMANTIC");
        await().atMost(Duration.ofSeconds(15)).until(() -> members(couple).size() == 2);
        // As if this service had not applied the pairing yet: the next request confirms it with couple-service.
        execute("delete from couple_view where couple_id = '" + couple + "'");

        EventEnvelope erased = EventEnvelope.create(PartnerEvents.ERASED, "/couple-service", ben.id(),
                new PartnerEvents.PartnerErased(ben.id()));
        CountDownLatch applied = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        int[] erasing = new int[1];
        CompletableFuture<Void> erasure = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            erasing[0] = ((Number) Panache.getEntityManager().createNativeQuery("select pg_backend_pid()").getSingleResult()).intValue();
            inbox.apply(membership.name(), erased, membership::apply);
            applied.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try {
            assertThat(applied.await(30, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Integer> request = CompletableFuture.supplyAsync(() ->
                    as(ann).get("/v1/couples/" + couple + "/check-ins").then().extract().statusCode());
            await().atMost(Duration.ofSeconds(10)).until(() -> request.isDone() || blockedBy(erasing[0]));
            assertThat(request.isDone()).as("the confirmation waits for the erasure").isFalse();
            release.countDown();
            erasure.get(30, TimeUnit.SECONDS);
            assertThat(request.get(30, TimeUnit.SECONDS)).isEqualTo(200);
        } finally {
            release.countDown();
        }
        assertThat(members(couple)).containsExactly(ann.id());
    }

    private List<String> members(String couple) throws Exception {
        List<String> members = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select partner_id from couple_view_member where couple_id = ?")) {
            s.setObject(1, UUID.fromString(couple));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    members.add(rs.getString(1));
                }
            }
        }
        return members;
    }

    private boolean blockedBy(int backend) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select count(*) from pg_stat_activity where ? = any(pg_blocking_pids(pid))")) {
            s.setInt(1, backend);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
