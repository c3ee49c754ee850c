-- Idempotency-Key (docs/api-guidelines.md, "Retries"): the first successful answer to a POST, kept 24 hours, so a
-- retry with the same key gets that answer again instead of the work being done twice. The row commits in the same
-- transaction as the work itself. Nothing here is readable without the caller's key: the row is found by an HMAC of
-- caller and key, and the answer (an invitation code, check-in answers) is sealed with a key derived from them.
create table idempotent_request (
    lookup       text        primary key,
    -- The token subject, so erasing a person deletes their rows (ErasureLedger.forget).
    caller       text        not null,
    -- An HMAC of method, path and body: the same key with a different request is refused, never replayed.
    request_hash text        not null,
    status       int         not null default 0,
    location     text,
    content_type text,
    sealed_body  text,
    created_at   timestamptz not null
);
create index idempotent_request_caller on idempotent_request (caller);
create index idempotent_request_created_at on idempotent_request (created_at);
