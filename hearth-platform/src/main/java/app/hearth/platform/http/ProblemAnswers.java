package app.hearth.platform.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The error answers every operation shares, by status, as {@link ApiContract} writes them into each API document:
 * component name, description, problem type, title and one example detail each.
 */
final class ProblemAnswers {
    private static final String TYPES = "https://hearth.app/problems/";

    private ProblemAnswers() {}

    /** The shared error answers, by status: component name, description, and one example each. */
    record Answer(String name, String description, String type, String title, String detail) {}

    static final Map<String, Answer> BY_STATUS = new LinkedHashMap<>();

    static {
        answer(
                "400",
                "BadRequest",
                "The request is malformed: JSON that does not parse, an unknown field, a value of the wrong "
                        + "type, enum or range, or a missing required value. `errors` names each field. Type `" + TYPES
                        + "invalid-request`. Nothing was changed.",
                "invalid-request",
                "Invalid request",
                "Unknown field 'colour'. Accepted fields: displayName, timeZone.");
        answer(
                "401",
                "Unauthorized",
                "No valid bearer token for the Hearth API (audience `hearth-api`): type `" + TYPES
                        + "unauthorized`; or the account was erased: type `" + TYPES + "account-erased`.",
                "unauthorized",
                "Unauthorized",
                "A valid bearer token for the Hearth API is required (audience hearth-api).");
        answer(
                "403",
                "Forbidden",
                "The token is valid but may not do this: a partner app calling an endpoint only people may "
                        + "call (type `" + TYPES + "person-only`), or a role the token lacks (type `" + TYPES
                        + "forbidden`). "
                        + "Data of another couple is never 403: it is 404, so its existence does not leak.",
                "person-only",
                "Forbidden",
                "Only a person may do this; partner apps read what a couple granted them.");
        answer(
                "404",
                "NotFound",
                "Nothing with this id that you may see: it does not exist, or it belongs to someone else "
                        + "(the two are indistinguishable on purpose). Type `" + TYPES + "not-found`.",
                "not-found",
                "Not found",
                "There is no couple 3f0c1a9e-5d1b-4a7e-9c2f-0b6d8e4a1c55 of yours.");
        answer(
                "406",
                "NotAcceptable",
                "The request's `Accept` cannot be met: this operation answers `application/json` (and "
                        + "`application/problem+json` for errors).",
                null,
                "Not Acceptable",
                "This resource answers in JSON; accept application/json.");
        answer(
                "409",
                "Conflict",
                "The resource's current state does not allow this (a couple that has ended, a session "
                        + "already complete, a check-in already submitted, ...). `type` is `" + TYPES
                        + "{reason}`, a stable "
                        + "reason clients can branch on; the reasons are listed in the API guideline. Nothing was changed.",
                "couple-ended",
                "Conflict",
                "This couple has ended; its history stays readable but nothing new can start.");
        answer(
                "412",
                "PreconditionFailed",
                "The resource changed since the `ETag` sent in `If-Match` was read: read it "
                        + "again and apply the change to what is there now. Type `" + TYPES
                        + "precondition-failed`. Nothing was "
                        + "changed.",
                "precondition-failed",
                "Precondition Failed",
                "This couple's settings was changed since you "
                        + "read it (it is now at ETag \"8\"); nothing was changed.");
        answer(
                "413",
                "PayloadTooLarge",
                "The request body is over 64 KiB. Type `" + TYPES + "payload-too-large`.",
                "payload-too-large",
                "Payload Too Large",
                "The request body is larger than 65536 bytes.");
        answer(
                "415",
                "UnsupportedMediaType",
                "The request body is not `application/json`.",
                null,
                "Unsupported Media Type",
                "Send the request body as application/json.");
        answer(
                "422",
                "IdempotencyKeyReused",
                "This `Idempotency-Key` was used within 24 hours for a different request "
                        + "(another path or body). Type `" + TYPES + "idempotency-key-reused`. Nothing was done.",
                "idempotency-key-reused",
                "Unprocessable Content",
                "This Idempotency-Key was used within the last 24 hours for a different request (another path or body). "
                        + "Use a new key for a new operation.");
        answer(
                "428",
                "PreconditionRequired",
                "Two people can change this resource, so a change must say which version "
                        + "it was made on: send `If-Match` with the `ETag` you read (or `*` to overwrite). Type `"
                        + TYPES
                        + "precondition-required`.",
                "precondition-required",
                "Precondition Required",
                "This couple's settings "
                        + "can be changed by both of you: send If-Match with the ETag you read it with (GET it first).");
        answer(
                "429",
                "TooManyRequests",
                "Too many attempts (type `" + TYPES + "rate-limited`, with `Retry-After` in "
                        + "seconds), or a cap on how many of something one owner may have (type `" + TYPES
                        + "limit-reached`; "
                        + "no `Retry-After`: waiting does not help, removing one does).",
                "rate-limited",
                "Too many requests",
                "Too many codes that did not work in the last hour. Try again later.");
        answer(
                "503",
                "ServiceUnavailable",
                "The service cannot reach its database right now, or is too busy to; nothing "
                        + "was changed. Retry after `Retry-After` seconds. Type `" + TYPES
                        + "temporarily-unavailable`.",
                "temporarily-unavailable",
                "Service Unavailable",
                "This service cannot reach its database right now; nothing was changed. Try again in a few seconds.");
    }

    private static void answer(
            String status, String name, String description, String type, String title, String detail) {
        BY_STATUS.put(
                status, new Answer(name, description, type == null ? "about:blank" : TYPES + type, title, detail));
    }
}
