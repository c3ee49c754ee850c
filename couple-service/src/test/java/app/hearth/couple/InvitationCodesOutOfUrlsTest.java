package app.hearth.couple;

import static app.hearth.couple.CoupleApi.accept;
import static app.hearth.couple.CoupleApi.invite;
import static app.hearth.testsupport.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Invitation codes stay out of URLs (issue 24): accepted in the body, and where a client still sends one in the path,
 * it is replaced in the request's span, so traces (and what collects them) never hold a working code.
 */
@QuarkusTest
class InvitationCodesOutOfUrlsTest {

    @Inject
    InMemorySpanExporter spans;

    @Test
    void aCodeIsAcceptedInTheBodyAndReplacedInTheSpanOfThePathForm() {
        Person ana = TestUsers.create("Ana");
        Person ben = TestUsers.create("Ben");
        String code = invite(ana, "FRIENDSHIP");
        as(ben).body(Map.of("code", code)).post("/v1/invitations/accept").then().statusCode(201);
        as(ben).body(Map.of()).post("/v1/invitations/accept").then().statusCode(400);

        Person cy = TestUsers.create("Cy");
        String pathCode = invite(ana, "FAMILY");
        accept(cy, pathCode).statusCode(201);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> spans.getFinishedSpanItems().stream()
                        .anyMatch(s ->
                                String.valueOf(s.getAttributes().asMap()).contains("/v1/invitations/REDACTED/accept")));
        assertThat(spans.getFinishedSpanItems())
                .allSatisfy(
                        span -> assertThat(span.getName() + span.getAttributes().asMap())
                                .doesNotContain(pathCode)
                                .doesNotContain(code));
    }
}
