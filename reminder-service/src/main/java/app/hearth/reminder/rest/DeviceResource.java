package app.hearth.reminder.rest;

import app.hearth.platform.http.ApiException;
import app.hearth.platform.http.PageLinks;
import app.hearth.platform.http.PageOf;
import app.hearth.platform.http.PageRequest;
import app.hearth.platform.privacy.Caller;
import app.hearth.reminder.PushDevice;
import app.hearth.reminder.push.PushDevices;
import app.hearth.reminder.push.PushMessage;
import app.hearth.reminder.push.WebPushMessages;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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
import org.eclipse.microprofile.openapi.annotations.callbacks.Callback;
import org.eclipse.microprofile.openapi.annotations.callbacks.CallbackOperation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** A person's devices that reminders are pushed to, so they arrive with the app closed. */
@Tag(
        name = "Devices",
        description =
                "Where reminders are pushed with the app closed: a browser's Web Push subscription (registered as `PushManager.subscribe` gives it), a phone's FCM or APNs token. Partner apps never receive pushes. A locked screen shows only a discreet title (\"Time for your check-in\") unless you turn `lockScreenDetails` on in your reminder settings.")
@Path("/v1/me/devices")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class DeviceResource {

    @Inject
    Caller caller;

    @Inject
    PushDevices devices;

    @Inject
    WebPushMessages webPush;

    public record WebPushKeys(
            @Schema(description = "The browser's P-256 public key, base64url.") @NotBlank @Size(max = 100)
            String p256dh,

            @Schema(description = "The browser's auth secret, base64url.") @NotBlank @Size(max = 50)
            String auth) {}

    /** The browser's {@code PushSubscription.toJSON()}, as it is. */
    public record WebPushSubscription(
            @Schema(examples = "https://updates.push.services.mozilla.com/wpush/v2/gAAAAABk")
            @NotBlank
            @Size(max = 2000)
            String endpoint,

            @Schema(nullable = true, description = "As the browser gives it; Hearth does not use it.")
            Long expirationTime,

            @NotNull(message = "send the subscription's keys: {\"p256dh\": ..., \"auth\": ...}") @Valid
            WebPushKeys keys) {}

    /**
     * {@code WEB_PUSH} with the browser's {@code subscription}; {@code FCM} or {@code APNS} with the {@code token} the
     * phone's SDK gave (and, for APNs, the {@code environment} of the app's build).
     */
    public record RegisterDeviceRequest(
            @NotNull(message = "send \"platform\": \"WEB_PUSH\", \"FCM\" or \"APNS\"")
            PushDevice.Platform platform,

            @Schema(nullable = true, examples = "Lea's laptop") @Size(min = 1, max = 100)
            String name,

            @Schema(nullable = true, description = "WEB_PUSH: the browser's `PushSubscription.toJSON()`.") @Valid
            WebPushSubscription subscription,

            @Schema(nullable = true, description = "FCM: the registration token; APNS: the device token (hexadecimal).")
            @Size(max = 4096)
            String token,

            @Schema(nullable = true, description = "APNS: the app build's environment (PRODUCTION unless said).")
            PushDevice.Environment environment) {}

    public record RenameDeviceRequest(
            @NotBlank @Size(max = 100) String name) {}

    /** A device as its owner sees it: never its keys. */
    public record DeviceView(
            UUID id,
            PushDevice.Platform platform,
            String name,

            @Schema(nullable = true, description = "WEB_PUSH: the push service's endpoint.")
            String endpoint,

            @Schema(nullable = true, description = "APNS: the environment.")
            PushDevice.Environment environment,

            Instant createdAt,
            Instant refreshedAt) {
        static DeviceView of(PushDevice d) {
            return new DeviceView(
                    d.id,
                    d.platform,
                    d.name,
                    d.platform == PushDevice.Platform.WEB_PUSH ? d.address : null,
                    d.environment,
                    d.createdAt,
                    d.refreshedAt);
        }
    }

    public record WebPushKey(
            @Schema(
                    description =
                            "The VAPID public key, base64url: `applicationServerKey` for `PushManager.subscribe`.")
            String applicationServerKey) {}

    @Operation(
            operationId = "registerMyDevice",
            summary = "Register a device for push",
            description =
                    "Registers this browser's Web Push subscription (`subscription` is `PushSubscription.toJSON()` as it is). The endpoint must be a public HTTPS URL. Registering the same endpoint again refreshes it (200, same id, the new keys). `FCM` and `APNS` take the phone's `token` instead (where this deployment is set up for them). At most 10 devices. A device is removed when its push service says it is gone, when you erase your account, and when your last relationship ends while you have no personal reminder (register again when you need it: apps register each time they start).")
    @APIResponse(
            responseCode = "201",
            description = "Registered.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DeviceView.class)))
    @APIResponse(
            responseCode = "200",
            description = "Already registered: refreshed.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DeviceView.class)))
    @Callback(
            name = "push",
            callbackUrlExpression = "{$request.body#/subscription/endpoint}",
            operations =
                    @CallbackOperation(
                            method = "post",
                            summary = "A reminder pushed to a browser",
                            description =
                                    "What Hearth sends the registered Web Push endpoint when a reminder of yours fires: a `PushMessage`, encrypted to the browser's keys (RFC 8291: `Content-Encoding: aes128gcm`; the body below is the plaintext the service worker's `push` event reads with `event.data.json()`), signed with Hearth's VAPID key (`Authorization: vapid t=..., k=...`), with `TTL`, `Urgency` and `Topic` (the reminder: a newer push replaces an undelivered older one). FCM and APNs devices get the same fields (the title as the notification's, the rest as data).",
                            requestBody =
                                    @RequestBody(
                                            required = true,
                                            content =
                                                    @Content(
                                                            mediaType = MediaType.APPLICATION_JSON,
                                                            schema = @Schema(implementation = PushMessage.class))),
                            responses = {
                                @APIResponse(responseCode = "201", description = "The push service took it."),
                                @APIResponse(
                                        responseCode = "410",
                                        description = "The subscription is gone: Hearth removes the device."),
                                @APIResponse(
                                        responseCode = "429",
                                        description = "Later: Hearth tries again after the `Retry-After` it gives.")
                            }))
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(
            @NotNull(message = "send {\"platform\": \"WEB_PUSH\", \"subscription\": {...}}") @Valid
                    RegisterDeviceRequest request) {
        PushDevices.Registered registered;
        if (request.platform() == PushDevice.Platform.WEB_PUSH) {
            if (request.subscription() == null) {
                throw ApiException.badRequest("subscription: WEB_PUSH needs the browser's PushSubscription.");
            }
            registered = devices.registerWebPush(
                    caller.personId(),
                    request.name(),
                    request.subscription().endpoint(),
                    request.subscription().keys().p256dh(),
                    request.subscription().keys().auth());
        } else {
            registered = devices.registerToken(
                    caller.personId(), request.platform(), request.name(), request.token(), request.environment());
        }
        DeviceView view = DeviceView.of(registered.device());
        return registered.refreshed()
                ? Response.ok(view).build()
                : Response.created(URI.create("/v1/me/devices/" + view.id()))
                        .entity(view)
                        .build();
    }

    @Operation(operationId = "listMyDevices", summary = "List my devices", description = "Your registered devices.")
    @GET
    public RestResponse<PageOf<DeviceView>> mine(
            @QueryParam("page") String page, @QueryParam("size") String size, @Context UriInfo uri) {
        List<DeviceView> all =
                devices.of(caller.personId()).stream().map(DeviceView::of).toList();
        return PageLinks.answer(PageOf.of(all, PageRequest.of(page, size)), uri);
    }

    @Operation(
            operationId = "getWebPushKey",
            summary = "Get the Web Push key",
            description = "The key a browser subscribes with (`applicationServerKey`), the same for every device.")
    @GET
    @Path("/web-push-key")
    public WebPushKey webPushKey() {
        return new WebPushKey(webPush.publicKey());
    }

    @Operation(operationId = "renameMyDevice", summary = "Rename a device", description = "Gives a device a new name.")
    @PATCH
    @Path("/{deviceId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public DeviceView rename(
            @PathParam("deviceId") UUID id,
            @NotNull(message = "send {\"name\": \"...\"}") @Valid RenameDeviceRequest request) {
        return DeviceView.of(devices.rename(caller.personId(), id, request.name()));
    }

    @Operation(
            operationId = "removeMyDevice",
            summary = "Remove a device",
            description = "Nothing more is pushed to it; pushes still queued for it are dropped.")
    @DELETE
    @Path("/{deviceId}")
    public void remove(@PathParam("deviceId") UUID id) {
        devices.remove(caller.personId(), id);
    }
}
