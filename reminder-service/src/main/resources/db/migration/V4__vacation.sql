-- "Pause all my reminders until …": occurrences up to the end of that local date are skipped, not delivered late.
create table reminder_pause (
    partner_id text        primary key,
    until_date date        not null,
    paused_at  timestamptz not null
);
