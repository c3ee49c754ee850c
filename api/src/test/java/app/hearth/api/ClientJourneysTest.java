package app.hearth.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.client.couple.api.CouplesApi;
import app.hearth.client.couple.api.InvitationsApi;
import app.hearth.client.couple.model.CoupleResponse;
import app.hearth.client.couple.model.CreateInvitationRequest;
import app.hearth.client.couple.model.InvitationResponse;
import app.hearth.client.couple.model.RelationshipKind;
import app.hearth.client.couple.model.UpdateCoupleRequest;
import app.hearth.client.exercise.api.CheckInsApi;
import app.hearth.client.exercise.api.ExercisesApi;
import app.hearth.client.exercise.model.CheckInRequest;
import app.hearth.client.exercise.model.CheckInView;
import app.hearth.client.exercise.model.Layer;
import app.hearth.client.exercise.model.Mood;
import app.hearth.client.exercise.model.PageOfExerciseSummary;
import app.hearth.client.exercise.model.ScreenTime;
import app.hearth.client.insights.api.InsightsApi;
import app.hearth.client.insights.model.InsightsView;
import app.hearth.client.reminder.api.RemindersApi;
import app.hearth.client.reminder.model.CreateReminderRequest;
import app.hearth.client.reminder.model.ReminderKind;
import app.hearth.client.reminder.model.ReminderView;
import app.hearth.client.reminder.model.UpdateReminderRequest;
import app.hearth.testsupport.PeerServices;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One journey per service, driven through the clients OpenAPI Generator made from the services' own documents (this
 * module's build), against the real packaged services on the test infrastructure: if a document says something the
 * service does not do (a type, a status, a header, a required field), a generated client breaks here first.
 */
class ClientJourneysTest {
    private static Person alice;
    private static Person bob;
    private static UUID coupleId;

    private static Consumer<HttpRequest.Builder> as(Person person) {
        return request -> request.header("Authorization", "Bearer " + person.token());
    }

    /** A generated client (one ApiClient class per document, with no common type) for {@code service}, as {@code person}. */
    private static <C> C client(
            C client,
            BiConsumer<C, Consumer<HttpRequest.Builder>> interceptor,
            BiConsumer<C, String> baseUri,
            String service,
            Person person) {
        interceptor.accept(client, as(person));
        baseUri.accept(client, PeerServices.url(service));
        return client;
    }

    private static app.hearth.client.couple.ApiClient couples(Person person) {
        return client(
                new app.hearth.client.couple.ApiClient(),
                app.hearth.client.couple.ApiClient::setRequestInterceptor,
                app.hearth.client.couple.ApiClient::updateBaseUri,
                "couple-service",
                person);
    }

    private static app.hearth.client.exercise.ApiClient exercises(Person person) {
        return client(
                new app.hearth.client.exercise.ApiClient(),
                app.hearth.client.exercise.ApiClient::setRequestInterceptor,
                app.hearth.client.exercise.ApiClient::updateBaseUri,
                "exercise-service",
                person);
    }

    private static app.hearth.client.reminder.ApiClient reminders(Person person) {
        return client(
                new app.hearth.client.reminder.ApiClient(),
                app.hearth.client.reminder.ApiClient::setRequestInterceptor,
                app.hearth.client.reminder.ApiClient::updateBaseUri,
                "reminder-service",
                person);
    }

    private static app.hearth.client.insights.ApiClient insights(Person person) {
        return client(
                new app.hearth.client.insights.ApiClient(),
                app.hearth.client.insights.ApiClient::setRequestInterceptor,
                app.hearth.client.insights.ApiClient::updateBaseUri,
                "insights-service",
                person);
    }

    @BeforeAll
    static void aCoupleFormsThroughTheGeneratedClient() throws Exception {
        alice = TestUsers.create("Alice");
        bob = TestUsers.create("Bob");
        InvitationsApi aliceInvitations = new InvitationsApi(couples(alice));
        String key = UUID.randomUUID().toString();
        InvitationResponse invitation = aliceInvitations.createInvitation(
                new CreateInvitationRequest().relationshipKind(RelationshipKind.ROMANTIC), key);
        assertThat(invitation.getCode()).matches("[0-9A-Z]{5}-[0-9A-Z]{5}");
        // A retry of the same operation (same Idempotency-Key) gets the same invitation, not a second one.
        assertThat(aliceInvitations
                        .createInvitation(
                                new CreateInvitationRequest().relationshipKind(RelationshipKind.ROMANTIC), key)
                        .getId())
                .isEqualTo(invitation.getId());
        assertThat(aliceInvitations.listMyInvitations(null, null).getItems()).hasSize(1);
        CoupleResponse couple = new InvitationsApi(couples(bob)).acceptInvitation(invitation.getCode(), null);
        coupleId = couple.getId();
        assertThat(couple.getMembers()).hasSize(2);
    }

    @Test
    void coupleServiceSettingsChangeOnlyOnTheVersionTheyWereReadAt() throws Exception {
        CouplesApi aliceCouples = new CouplesApi(couples(alice));
        var read = aliceCouples.getCoupleWithHttpInfo(coupleId);
        String etag = read.getHeaders().get("ETag").get(0);
        CoupleResponse changed =
                aliceCouples.updateCouple(coupleId, etag, new UpdateCoupleRequest().pauseWord("pineapple"));
        assertThat(changed.getPauseWord()).isEqualTo("pineapple");
        assertThatThrownBy(() -> new CouplesApi(couples(bob))
                        .updateCouple(coupleId, etag, new UpdateCoupleRequest().pauseWord("mine")))
                .isInstanceOfSatisfying(app.hearth.client.couple.ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(412);
                    assertThat(e.getResponseBody()).contains("https://hearth.app/problems/precondition-failed");
                });
    }

    @Test
    void exerciseServiceCheckInsRevealThePartnerOnceBothSubmitted() throws Exception {
        PageOfExerciseSummary catalogue =
                new ExercisesApi(exercises(alice)).searchExercises(null, Layer.SAFETY, null, null, null, 0, null, 5);
        assertThat(catalogue.getItems()).isNotEmpty().hasSizeLessThanOrEqualTo(5);
        assertThat(catalogue.getTotal())
                .isGreaterThanOrEqualTo(catalogue.getItems().size());

        CheckInRequest answers = new CheckInRequest()
                .mood(Mood.CONTENT)
                .moodIntensity(3)
                .closeness(5)
                .satisfaction(7)
                .screenTime(ScreenTime.FROM_1_TO_3H)
                .gratitude("the walk")
                .privateNote("only mine");
        CheckInView mine = new CheckInsApi(exercises(alice))
                .submitCheckIn(coupleId, answers, UUID.randomUUID().toString());
        assertThat(mine.getPartnerSubmitted()).isFalse();
        assertThat(mine.getMine().getPrivateNote()).isEqualTo("only mine");
        new CheckInsApi(exercises(bob)).submitCheckIn(coupleId, answers.privateNote("bob's own"), null);
        var seen = new CheckInsApi(exercises(bob))
                .getCheckIn(coupleId, mine.getPeriod())
                .getActualInstance();
        assertThat(seen).isInstanceOf(CheckInView.class);
        CheckInView both = (CheckInView) seen;
        assertThat(both.getPartner()).isNotNull();
        assertThat(both.getPartner().toString()).doesNotContain("only mine");
    }

    @Test
    void reminderServiceKeepsAPersonalReminder() throws Exception {
        RemindersApi aliceReminders = new RemindersApi(reminders(alice));
        ReminderView created = aliceReminders.createMyReminder(
                new CreateReminderRequest()
                        .kind(ReminderKind.GRATITUDE)
                        .title("Say thank you")
                        .rrule("FREQ=DAILY")
                        .timeOfDay("21:30"),
                UUID.randomUUID().toString());
        assertThat(created.getTimeOfDay()).isEqualTo("21:30");
        assertThat(aliceReminders.getMyReminder(created.getId()).getTitle()).isEqualTo("Say thank you");
        assertThat(aliceReminders.listMyReminders(null, null).getItems())
                .extracting(ReminderView::getId)
                .contains(created.getId());
        ReminderView renamed =
                aliceReminders.updateReminder(created.getId(), new UpdateReminderRequest().title("Thank you"), null);
        assertThat(renamed.getTitle()).isEqualTo("Thank you");
    }

    @Test
    void insightsServiceAnswersForTheCouple() throws Exception {
        InsightsApi bobInsights = new InsightsApi(insights(bob));
        Instant deadline = Instant.now().plusSeconds(30);
        InsightsView view = null;
        while (view == null) {
            try {
                view = bobInsights.getInsights(coupleId);
            } catch (app.hearth.client.insights.ApiException e) {
                // The couple reaches insights-service as an event; until then it confirms with couple-service or says
                // 404.
                if (e.getCode() != 404 || Instant.now().isAfter(deadline)) {
                    throw e;
                }
                Thread.sleep(250);
            }
        }
        assertThat(view.getCoupleId()).isEqualTo(coupleId);
        assertThat(bobInsights.getInsightsTimeline(coupleId, 4).getCoupleId()).isEqualTo(coupleId);
    }
}
