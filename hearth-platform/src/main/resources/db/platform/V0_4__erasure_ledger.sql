-- Erased people and purged couples (hearth-platform's ErasureLedger): HMAC-SHA256 of kind and id, never the id, so
-- late, replayed or rebuilt events about them are dropped and their old tokens refused.
create table erased_subject (
    subject_hash text        primary key,
    kind         text        not null check (kind in ('PERSON', 'COUPLE')),
    erased_at    timestamptz not null
);
