package app.hearth.exercise;

import static app.hearth.exercise.ExerciseApi.pair;
import static app.hearth.testsupport.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.hearth.events.EventEnvelope;
import app.hearth.events.PartnerEvents;
import app.hearth.membership.CoupleServiceEventsConsumer;
import app.hearth.platform.messaging.InboxProcessor;
import app.hearth.testsupport.HeldTransaction;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

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

        EventEnvelope erased = EventEnvelope.create(
                PartnerEvents.ERASED, "/couple-service", ben.id(), new PartnerEvents.PartnerErased(ben.id()));
        CompletableFuture<Integer> request;
        try (HeldTransaction erasure =
                HeldTransaction.start(dataSource, () -> inbox.apply(membership.name(), erased, membership::apply))) {
            request = CompletableFuture.supplyAsync(() -> as(ann).get("/v1/couples/" + couple + "/check-ins")
                    .then()
                    .extract()
                    .statusCode());
            assertThat(erasure.waitedOnBy(request))
                    .as("the confirmation waits for the erasure")
                    .isTrue();
        }
        assertThat(request.get(30, TimeUnit.SECONDS)).isEqualTo(200);
        assertThat(members(couple)).containsExactly(ann.id());
    }

    private List<String> members(String couple) throws Exception {
        List<String> members = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("select partner_id from couple_view_member where couple_id = ?")) {
            s.setObject(1, UUID.fromString(couple));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    members.add(rs.getString(1));
                }
            }
        }
        return members;
    }

    private void execute(String sql) throws Exception {
        try (Connection c = dataSource.getConnection();
                var s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
