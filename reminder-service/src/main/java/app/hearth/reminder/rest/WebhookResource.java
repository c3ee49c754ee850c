package app.hearth.reminder.rest;

import app.hearth.membership.MembershipService;
import app.hearth.platform.http.PageLinks;
import app.hearth.platform.http.PageOf;
import app.hearth.platform.http.PageRequest;
import app.hearth.platform.http.Params;
import app.hearth.platform.privacy.Caller;
import app.hearth.platform.privacy.OAuthSchemes;
import app.hearth.reminder.WebhookDelivery;
import app.hearth.reminder.WebhookSubscription;
import app.hearth.reminder.webhook.WebhookService;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Webhooks: a person receives every notification of theirs; a partner app receives a couple's notifications (without
 * the titles people wrote) while the couple grants it {@code reminders.read}. Deliveries are signed the Standard
 * Webhooks way ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}; see the README), with a
 * secret shown once, at subscription or rotation.
 */
@Tag(
        name = "Webhooks",
        description =
                "Notifications pushed to a URL: a person receives every notification of theirs; a partner app receives a couple's notifications (without the titles people wrote) while the couple grants it `reminders.read`. Deliveries are signed the Standard Webhooks way.")
@Path("/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {
    static final String SCOPE = WebhookService.PARTNER_APP_SCOPE;

    @Inject
    Caller caller;

    @Inject
    MembershipService membership;

    @Inject
    WebhookService webhooks;

    public record SubscribeRequest(
            @Schema(examples = "https://hooks.partner.example.org/hearth") @NotBlank @Size(max = 2000)
            String url) {}

    /** The secret is shown once, in the answer to the subscription (and to each rotation). */
    public record SubscriptionView(
            UUID id,
            String url,
            @Schema(nullable = true) UUID coupleId,
            @Schema(nullable = true) String clientId,
            Instant createdAt,
            @Schema(nullable = true) String secret,
            @Schema(nullable = true) Instant previousSecretValidUntil) {
        static SubscriptionView of(WebhookSubscription s, String secret) {
            return new SubscriptionView(
                    s.id,
                    s.url,
                    s.coupleId,
                    s.ownerType == WebhookSubscription.OwnerType.PARTNER_APP ? s.ownerId : null,
                    s.createdAt,
                    secret,
                    s.previousSecretExpiresAt);
        }
    }

    /**
     * {@code lastOutcome} is a category: delivered, http-3xx (redirects are not followed), http-4xx, http-5xx, timeout,
     * connection-refused, tls-failed, destination-refused (the host now resolves inside), answer-too-large,
     * network-error or consent-withdrawn.
     */
    public record DeliveryView(
            UUID id,
            UUID notificationId,
            WebhookDelivery.Status status,
            int attempts,
            @Schema(nullable = true) Instant nextAttemptAt,
            @Schema(nullable = true) String lastOutcome,
            Instant createdAt,
            @Schema(nullable = true) Instant deliveredAt) {
        static DeliveryView of(WebhookDelivery d) {
            return new DeliveryView(
                    d.id,
                    d.notificationId,
                    d.status,
                    d.attempts,
                    d.nextAttemptAt,
                    d.lastOutcome,
                    d.createdAt,
                    d.deliveredAt);
        }
    }

    @Operation(
            operationId = "subscribeMyWebhook",
            summary = "Subscribe a webhook",
            description =
                    "Your notifications, pushed to a public HTTPS URL. The signing secret is shown once, in this answer.")
    @APIResponse(
            responseCode = "201",
            description = "The subscription with its signing `secret`, shown this once.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SubscriptionView.class)))
    @POST
    @Path("/me/webhooks")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response subscribe(@NotNull(message = "send {\"url\": \"https://...\"}") @Valid SubscribeRequest request) {
        WebhookService.Subscribed s =
                webhooks.subscribe(WebhookSubscription.OwnerType.PERSON, caller.personId(), null, request.url());
        return Response.created(URI.create("/v1/me/webhooks/" + s.subscription().id))
                .entity(SubscriptionView.of(s.subscription(), s.secret()))
                .build();
    }

    @Operation(
            operationId = "listMyWebhooks",
            summary = "List my webhooks",
            description = "Your webhook subscriptions (secrets are never shown again).")
    @GET
    @Path("/me/webhooks")
    public RestResponse<PageOf<SubscriptionView>> mine(
            @QueryParam("page") String page, @QueryParam("size") String size, @Context UriInfo uri) {
        List<SubscriptionView> all = webhooks.ofPerson(caller.personId()).stream()
                .map(s -> SubscriptionView.of(s, null))
                .toList();
        return PageLinks.answer(PageOf.of(all, PageRequest.of(page, size)), uri);
    }

    /** A new secret, shown once; the old one keeps signing too until {@code previousSecretValidUntil}. */
    @Operation(
            operationId = "rotateMyWebhookSecret",
            summary = "Rotate my webhook secret",
            description =
                    "A new signing secret, shown once; the old one keeps signing too until `previousSecretValidUntil`.")
    @POST
    @Path("/me/webhooks/{webhookId}/rotate-secret")
    public SubscriptionView rotateMine(@PathParam("webhookId") UUID id) {
        WebhookService.Rotated rotated = webhooks.rotateSecret(id, caller.personId(), null);
        return SubscriptionView.of(rotated.subscription(), rotated.secret());
    }

    @Operation(
            operationId = "listMyWebhookDeliveries",
            summary = "List my webhook deliveries",
            description = "A subscription's deliveries and their outcome, newest first, a page at a time.")
    @GET
    @Path("/me/webhooks/{webhookId}/deliveries")
    public RestResponse<PageOf<DeliveryView>> myDeliveries(
            @PathParam("webhookId") UUID id,
            @Parameter(
                            description = "Only deliveries in this state.",
                            schema = @Schema(implementation = WebhookDelivery.Status.class))
                    @QueryParam("status")
                    String status,
            @QueryParam("page") String page,
            @QueryParam("size") String size,
            @Context UriInfo uri) {
        webhooks.owned(id, caller.personId(), null);
        return PageLinks.answer(deliveries(id, status, page, size), uri);
    }

    @Operation(
            operationId = "unsubscribeMyWebhook",
            summary = "Unsubscribe my webhook",
            description = "Stops deliveries to this URL at once.")
    @DELETE
    @Path("/me/webhooks/{webhookId}")
    public void unsubscribe(@PathParam("webhookId") UUID id) {
        webhooks.delete(id, caller.personId(), null);
    }

    @SecurityRequirement(name = OAuthSchemes.PARTNER_APPS, scopes = OAuthSchemes.REMINDERS_READ)
    @Operation(
            operationId = "subscribeCoupleWebhook",
            summary = "Subscribe a partner app webhook",
            description =
                    "A partner app with the couple's `reminders.read` grant receives the couple's notifications (without the titles people wrote). The signing secret is shown once.")
    @APIResponse(
            responseCode = "201",
            description = "The subscription with its signing `secret`, shown this once.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SubscriptionView.class)))
    @POST
    @Path("/couples/{coupleId}/webhooks")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response subscribeApp(
            @PathParam("coupleId") UUID coupleId,
            @NotNull(message = "send {\"url\": \"https://...\"}") @Valid SubscribeRequest request) {
        requireGrantedApp(coupleId);
        WebhookService.Subscribed s = webhooks.subscribe(
                WebhookSubscription.OwnerType.PARTNER_APP, caller.clientId(), coupleId, request.url());
        return Response.created(URI.create("/v1/couples/" + coupleId + "/webhooks/" + s.subscription().id))
                .entity(SubscriptionView.of(s.subscription(), s.secret()))
                .build();
    }

    /** A partner app sees its own webhooks; the couple's members see every app's, so they know who receives what. */
    @SecurityRequirement(name = OAuthSchemes.PEOPLE)
    @SecurityRequirement(name = OAuthSchemes.PARTNER_APPS, scopes = OAuthSchemes.REMINDERS_READ)
    @Operation(
            operationId = "listCoupleWebhooks",
            summary = "List a couple's webhooks",
            description =
                    "A partner app sees its own webhooks; the couple's members see every app's, so they know who receives what.")
    @GET
    @Path("/couples/{coupleId}/webhooks")
    public RestResponse<PageOf<SubscriptionView>> ofCouple(
            @PathParam("coupleId") UUID coupleId,
            @QueryParam("page") String page,
            @QueryParam("size") String size,
            @Context UriInfo uri) {
        String app = null;
        if (caller.isPartnerApp()) {
            requireGrantedApp(coupleId);
            app = caller.clientId();
        } else {
            membership.requireMember(coupleId, caller.personId());
        }
        List<SubscriptionView> all = webhooks.ofCouple(coupleId, app).stream()
                .map(s -> SubscriptionView.of(s, null))
                .toList();
        return PageLinks.answer(PageOf.of(all, PageRequest.of(page, size)), uri);
    }

    @SecurityRequirement(name = OAuthSchemes.PARTNER_APPS, scopes = OAuthSchemes.REMINDERS_READ)
    @Operation(
            operationId = "listCoupleWebhookDeliveries",
            summary = "List partner app webhook deliveries",
            description = "A partner app's subscription's deliveries and their outcome, newest first.")
    @GET
    @Path("/couples/{coupleId}/webhooks/{webhookId}/deliveries")
    public RestResponse<PageOf<DeliveryView>> appDeliveries(
            @PathParam("coupleId") UUID coupleId,
            @PathParam("webhookId") UUID id,
            @Parameter(
                            description = "Only deliveries in this state.",
                            schema = @Schema(implementation = WebhookDelivery.Status.class))
                    @QueryParam("status")
                    String status,
            @QueryParam("page") String page,
            @QueryParam("size") String size,
            @Context UriInfo uri) {
        requireGrantedApp(coupleId);
        webhooks.owned(id, caller.clientId(), coupleId);
        return PageLinks.answer(deliveries(id, status, page, size), uri);
    }

    @SecurityRequirement(name = OAuthSchemes.PARTNER_APPS, scopes = OAuthSchemes.REMINDERS_READ)
    @Operation(
            operationId = "rotateCoupleWebhookSecret",
            summary = "Rotate a partner app webhook secret",
            description =
                    "A new signing secret, shown once; the old one keeps signing too until `previousSecretValidUntil`.")
    @POST
    @Path("/couples/{coupleId}/webhooks/{webhookId}/rotate-secret")
    public SubscriptionView rotateApp(@PathParam("coupleId") UUID coupleId, @PathParam("webhookId") UUID id) {
        requireGrantedApp(coupleId);
        WebhookService.Rotated rotated = webhooks.rotateSecret(id, caller.clientId(), coupleId);
        return SubscriptionView.of(rotated.subscription(), rotated.secret());
    }

    @SecurityRequirement(name = OAuthSchemes.PARTNER_APPS, scopes = OAuthSchemes.REMINDERS_READ)
    @Operation(
            operationId = "unsubscribeCoupleWebhook",
            summary = "Unsubscribe a partner app webhook",
            description =
                    "Stops a partner app's deliveries for this couple at once (only the app itself: members stop every app at once by revoking its grant on couple-service).")
    @DELETE
    @Path("/couples/{coupleId}/webhooks/{webhookId}")
    public void unsubscribeApp(@PathParam("coupleId") UUID coupleId, @PathParam("webhookId") UUID id) {
        requireGrantedApp(coupleId);
        webhooks.delete(id, caller.clientId(), coupleId);
    }

    private PageOf<DeliveryView> deliveries(UUID id, String status, String page, String size) {
        return webhooks.deliveries(
                        id,
                        Params.enumValue("status", status, WebhookDelivery.Status.class)
                                .orElse(null),
                        PageRequest.of(page, size))
                .map(DeliveryView::of);
    }

    /** The scope is in the token (PartnerAppAccess); the couple must have granted it too. */
    private void requireGrantedApp(UUID coupleId) {
        membership.requirePartnerApp(coupleId, caller.clientId(), SCOPE);
    }
}
