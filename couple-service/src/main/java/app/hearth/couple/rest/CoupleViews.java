package app.hearth.couple.rest;

import app.hearth.couple.Couple;
import app.hearth.couple.CoupleMember;
import app.hearth.couple.IntegrationGrant;
import app.hearth.couple.Invitation;
import app.hearth.couple.Partner;
import app.hearth.couple.SafetyAgreement;
import app.hearth.couple.service.InvitationCodes;
import app.hearth.events.CoupleEvents.CheckInCadence;
import app.hearth.events.CoupleEvents.RelationshipKind;
import app.hearth.platform.privacy.AnswerViews;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the API shows of couples, invitations and grants. Entities never go on the wire. */
public final class CoupleViews {

    private CoupleViews() {}

    /** A member as their partner sees them: the attachment style only if its owner chose to share it. */
    public record MemberView(
            @Schema(examples = "8d2e6f0a-44b1-4c8e-9f3a-2b7c1d5e9a10")
            String partnerId,

            @Schema(examples = "Alice") String displayName,
            @Schema(examples = "Europe/Berlin") String timeZone,
            int startOfDayHour,

            @Schema(nullable = true, description = "Null unless its owner shares it (always shown to its owner).")
            String attachmentStyle) {}

    public record CoupleResponse(
            @Schema(
                    enumeration = AnswerViews.MEMBER,
                    description = "Which view this is (the discriminator): `member`, the whole couple.")
            String view,

            UUID id,
            RelationshipKind kind,
            Couple.Status status,
            Instant since,
            @Schema(nullable = true) LocalDate anniversary,
            @Schema(nullable = true, examples = "pineapple") String pauseWord,
            SafetyAgreementsView safetyAgreements,
            CheckInCadence checkInCadence,
            List<MemberView> members,
            @Schema(nullable = true) Instant endedAt,
            @Schema(nullable = true) Instant readableUntil) {}

    /**
     * The agreements both members confirm before intense work, and who has: a member's partner sees whether they are
     * still waiting for them.
     */
    public record SafetyAgreementsView(
            List<SafetyAgreementText> agreements,

            @Schema(description = "The members (partnerId) who confirmed them for the pause word agreed now.")
            List<String> confirmedBy,

            @Schema(description = "Both members confirmed: intense exercises may start.")
            boolean inForce) {}

    public record SafetyAgreementText(SafetyAgreement agreement, String text) {}

    private static final List<SafetyAgreementText> AGREEMENTS = Arrays.stream(SafetyAgreement.values())
            .map(a -> new SafetyAgreementText(a, a.text))
            .toList();

    /**
     * What a partner app with {@code couples.read} sees: the couple's status and settings but its pause word (the
     * partners' own safety word), members under the app's pseudonyms, no attachment styles, no ids of people.
     */
    public record PartnerAppCoupleResponse(
            @Schema(
                    enumeration = AnswerViews.PARTNER_APP,
                    description = "Which view this is (the discriminator): `partner-app`, what a partner app sees.")
            String view,

            UUID id,
            RelationshipKind kind,
            Couple.Status status,
            Instant since,
            @Schema(nullable = true) LocalDate anniversary,
            CheckInCadence checkInCadence,
            List<PartnerAppMember> members) {}

    public record PartnerAppMember(
            @Schema(
                    description =
                            "The app's pseudonym of the member: the `partnerId` of their check-in scores, insights and webhook deliveries to this app.",
                    examples = "member-3f9a0c1d2e4b5a6c7d8e9f01")
            String partnerId,

            String displayName,
            String timeZone) {}

    public static CoupleResponse forMember(Couple couple, String viewerId) {
        List<CoupleMember> memberships = CoupleMember.ofCouple(couple.id);
        List<String> confirmedBy = memberships.stream()
                .filter(m -> m.safetyAgreementsConfirmedAt != null)
                .map(m -> m.partnerId)
                .toList();
        List<MemberView> members = memberships.stream()
                .map(m -> Partner.<Partner>findById(m.partnerId))
                .map(p -> new MemberView(
                        p.id,
                        p.displayName,
                        p.timeZone,
                        p.startOfDayHour,
                        p.attachmentStyle != null && (p.shareAttachmentStyle || p.id.equals(viewerId))
                                ? p.attachmentStyle.name()
                                : null))
                .toList();
        return new CoupleResponse(
                AnswerViews.MEMBER,
                couple.id,
                couple.kind,
                couple.status,
                couple.since,
                couple.anniversary,
                couple.pauseWord,
                new SafetyAgreementsView(AGREEMENTS, confirmedBy, CoupleMember.safetyAgreementsInForce(memberships)),
                couple.checkInCadence,
                members,
                couple.endedAt,
                couple.purgeAfter);
    }

    /** {@code memberRef}: the app's pseudonym of a person (Caller.memberRef). */
    public static PartnerAppCoupleResponse forPartnerApp(Couple couple, UnaryOperator<String> memberRef) {
        List<PartnerAppMember> members = CoupleMember.ofCouple(couple.id).stream()
                .map(m -> Partner.<Partner>findById(m.partnerId))
                .map(p -> new PartnerAppMember(memberRef.apply(p.id), p.displayName, p.timeZone))
                .toList();
        return new PartnerAppCoupleResponse(
                AnswerViews.PARTNER_APP,
                couple.id,
                couple.kind,
                couple.status,
                couple.since,
                couple.anniversary,
                couple.checkInCadence,
                members);
    }

    public enum InvitationState {
        PENDING,
        ACCEPTED,
        REVOKED,
        EXPIRED
    }

    /** {@code code} only in the answer that creates the invitation: it is not kept, only its keyed hash. */
    public record InvitationResponse(
            UUID id,

            @Schema(
                    nullable = true,
                    description = "Only in the answer that creates the invitation (it is not kept): null when read.",
                    examples = "7K3QD-M9XWA")
            String code,

            RelationshipKind relationshipKind,
            InvitationState status,
            Instant createdAt,
            Instant expiresAt,
            @Schema(nullable = true) Instant acceptedAt,
            @Schema(nullable = true) UUID coupleId) {
        public static InvitationResponse of(Invitation invitation) {
            return of(invitation, null);
        }

        public static InvitationResponse of(Invitation invitation, String newCode) {
            InvitationState state = invitation.isExpired(Instant.now())
                    ? InvitationState.EXPIRED
                    : InvitationState.valueOf(invitation.status.name());
            return new InvitationResponse(
                    invitation.id,
                    newCode == null ? null : InvitationCodes.display(newCode),
                    invitation.relationshipKind,
                    state,
                    invitation.createdAt,
                    invitation.expiresAt,
                    invitation.acceptedAt,
                    invitation.coupleId);
        }
    }

    public enum GrantState {
        PENDING,
        ACTIVE,
        REVOKED,
        EXPIRED
    }

    public record GrantResponse(
            UUID id,
            UUID coupleId,
            String clientId,
            Set<String> scopes,
            GrantState status,
            String requestedBy,
            @Schema(nullable = true) String approvedBy,
            Instant createdAt,
            @Schema(nullable = true) Instant approvedAt,
            @Schema(nullable = true) Instant expiresAt,
            @Schema(nullable = true) Instant revokedAt) {
        public static GrantResponse of(IntegrationGrant grant) {
            GrantState state = grant.status != IntegrationGrant.Status.REVOKED
                            && grant.expiresAt != null
                            && !grant.expiresAt.isAfter(Instant.now())
                    ? GrantState.EXPIRED
                    : GrantState.valueOf(grant.status.name());
            return new GrantResponse(
                    grant.id,
                    grant.coupleId,
                    grant.clientId,
                    grant.scopeSet(),
                    state,
                    grant.requestedBy,
                    grant.approvedBy,
                    grant.createdAt,
                    grant.approvedAt,
                    grant.expiresAt,
                    grant.revokedAt);
        }
    }
}
