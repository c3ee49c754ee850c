-- Logins still to delete at the identity provider after an erasure: queued in the erasure's transaction, deleted
-- by AccountDeletions with retries, and removed once the identity provider confirms (the subject is kept no longer).
create table account_deletion (
    subject         text        primary key,
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null,
    last_error      text
);
create index account_deletion_due on account_deletion (next_attempt_at);
