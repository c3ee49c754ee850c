-- Where a reminder came from: a person, or a default Hearth set up (editable and deletable like any other).
alter table reminder add column origin varchar(16) not null default 'USER'
    check (origin in ('USER', 'COUPLE_DEFAULT', 'DETOX_PLAN'));
-- A "shared moment": fire at the start of the next window in which every recipient is awake, at least this long.
alter table reminder add column shared_moment_minutes smallint check (shared_moment_minutes between 10 and 240);

-- No nagging: who already checked in for which period of their own calendar (from CheckInSubmitted).
create table check_in_submission (
    couple_id    uuid        not null,
    partner_id   text        not null,
    period       varchar(10) not null,
    submitted_at timestamptz not null,
    primary key (couple_id, partner_id, period)
);
create index check_in_submission_partner on check_in_submission (partner_id);

-- A person's reminder preferences; no row means the defaults.
create table reminder_settings (
    partner_id            text primary key,
    partner_waiting_nudge boolean not null
);

-- "Your partner is waiting": at most one per member, couple and period (the primary key), fired by the dispatcher.
create table partner_nudge (
    couple_id  uuid        not null,
    partner_id text        not null,
    period     varchar(10) not null,
    due_at     timestamptz not null,
    fired_at   timestamptz,
    primary key (couple_id, partner_id, period)
);
create index partner_nudge_due on partner_nudge (due_at) where fired_at is null;

-- A nudge is a notification without a reminder; the nudge's key keeps it to one per period.
alter table notification alter column reminder_id drop not null;
alter table notification add column source varchar(16) not null default 'REMINDER'
    check (source in ('REMINDER', 'PARTNER_WAITING'));
alter table notification add constraint notification_reminder_or_nudge
    check ((source = 'REMINDER') = (reminder_id is not null));
create index notification_couple on notification (couple_id) where couple_id is not null;
