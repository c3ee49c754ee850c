-- Reminders and their per-recipient schedule. Each recipient has their own next firing instant (UTC), because a
-- reminder that follows its recipient fires at their wall-clock time and respects their quiet hours.
create table reminder (
    id            uuid primary key,
    owner_id      text         not null,
    couple_id     uuid         references couple_view (couple_id) on delete cascade,
    kind          varchar(16)  not null check (kind in ('CHECK_IN', 'GRATITUDE', 'RITUAL', 'EXERCISE', 'PLAN_DAY', 'CUSTOM')),
    title         varchar(120) not null,
    exercise_slug varchar(80),
    rrule         varchar(200) not null,
    start_date    date         not null,
    time_of_day   time         not null,
    zone_policy   varchar(16)  not null check (zone_policy in ('FOLLOW_ME', 'FIXED')),
    fixed_zone    varchar(64),
    created_at    timestamptz  not null,
    version       bigint       not null default 0
);
create index reminder_owner on reminder (owner_id);
create index reminder_couple on reminder (couple_id);

create table reminder_recipient (
    reminder_id   uuid        not null references reminder (id) on delete cascade,
    partner_id    text        not null,
    -- The occurrence (wall-clock time placed in the zone) this recipient is due for next, and when it actually
    -- fires (later if held by quiet hours or snoozed). Null once the series has ended.
    occurrence_at timestamptz,
    next_fire_at  timestamptz,
    primary key (reminder_id, partner_id)
);
-- The dispatcher reads only what is due, in order, never the whole table.
create index reminder_recipient_due on reminder_recipient (next_fire_at) where next_fire_at is not null;
create index reminder_recipient_partner on reminder_recipient (partner_id);

create table notification (
    id            uuid primary key,
    reminder_id   uuid         not null,
    partner_id    text         not null,
    couple_id     uuid,
    kind          varchar(16)  not null,
    title         varchar(120) not null,
    exercise_slug varchar(80),
    occurrence_at timestamptz  not null,
    fired_at      timestamptz  not null,
    status        varchar(16)  not null check (status in ('UNREAD', 'READ', 'DISMISSED')),
    -- Exactly once per reminder, occurrence and recipient, whichever replica fires it.
    unique (reminder_id, occurrence_at, partner_id)
);
create index notification_partner on notification (partner_id, fired_at desc);
