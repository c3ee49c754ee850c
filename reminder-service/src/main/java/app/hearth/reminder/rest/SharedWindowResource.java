package app.hearth.reminder.rest;

import app.hearth.membership.CoupleViewMember;
import app.hearth.membership.MembershipService;
import app.hearth.membership.PartnerView;
import app.hearth.platform.http.Params;
import app.hearth.platform.privacy.Caller;
import app.hearth.reminder.service.SharedWindows;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** For long-distance couples: when both are awake (outside both quiet hours), shown in each one's local time. */
@Tag(
        name = "Shared windows",
        description =
                "For long-distance couples: when both are awake, outside both members' quiet hours, in each one's local time.")
@Path("/v1/couples/{coupleId}/shared-windows")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class SharedWindowResource {
    static final int MIN_MINUTES = 15;

    @Inject
    Caller caller;

    @Inject
    MembershipService membership;

    @Inject
    Clock clock;

    /** The window in one member's zone: the offset makes each time unambiguous (docs/api-guidelines.md, times). */
    public record LocalSpan(String partnerId, String timeZone, OffsetDateTime start, OffsetDateTime end) {}

    public record Window(Instant start, Instant end, long minutes, List<LocalSpan> local) {}

    /** {@code assumedCalendars}: members whose zone and quiet hours are not known here yet (UTC, 22:00-07:00 assumed). */
    public record SharedWindowsView(
            UUID coupleId, Instant from, Instant to, List<Window> windows, List<String> assumedCalendars) {}

    @Operation(
            operationId = "listSharedWindows",
            summary = "List shared windows",
            description =
                    "The coming `days` days' windows when both members are awake; `assumedCalendars` names members whose zone and quiet hours are not known yet (UTC and 22:00-07:00 assumed).")
    @GET
    public SharedWindowsView windows(
            @PathParam("coupleId") UUID coupleId,
            @Parameter(
                            description = "How many days ahead.",
                            schema =
                                    @Schema(
                                            type = SchemaType.INTEGER,
                                            minimum = "1",
                                            maximum = "14",
                                            defaultValue = "7"))
                    @QueryParam("days")
                    String days) {
        membership.requireMember(coupleId, caller.personId());
        int span = Params.intValue("days", days, 1, 14).orElse(7);
        Instant from = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        Instant to = from.plus(Duration.ofDays(span));
        List<String> members = CoupleViewMember.memberIds(coupleId);
        List<String> assumed = new ArrayList<>();
        List<SharedWindows.Calendar> calendars = new ArrayList<>();
        List<ZoneId> zones = new ArrayList<>();
        for (String member : members) {
            PartnerView view = PartnerView.findById(member);
            if (view == null || view.quietHoursStart == null) {
                assumed.add(member);
            }
            SharedWindows.Calendar calendar = SharedWindows.calendarOf(view);
            zones.add(calendar.zone());
            calendars.add(calendar);
        }
        List<Window> windows = SharedWindows.between(from, to, calendars, MIN_MINUTES).stream()
                .map(w -> {
                    List<LocalSpan> local = new ArrayList<>();
                    for (int i = 0; i < members.size(); i++) {
                        ZoneId zone = zones.get(i);
                        local.add(new LocalSpan(
                                members.get(i),
                                zone.getId(),
                                w.start().atZone(zone).toOffsetDateTime(),
                                w.end().atZone(zone).toOffsetDateTime()));
                    }
                    return new Window(
                            w.start(),
                            w.end(),
                            Duration.between(w.start(), w.end()).toMinutes(),
                            local);
                })
                .toList();
        return new SharedWindowsView(coupleId, from, to, windows, assumed);
    }
}
