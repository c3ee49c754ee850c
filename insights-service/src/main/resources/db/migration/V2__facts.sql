-- Facts from every service's events. Each is keyed by what it is about, so applying an event twice, or replaying a
-- topic from the start, leaves the same rows; insights are computed from these facts when they are asked for.
create table couple_fact (
    couple_id uuid primary key,
    kind      varchar(16) not null,
    formed_at timestamptz not null,
    ended_at  timestamptz
);

-- One row per partner and period of a completed check-in (the scores only: no text ever reaches this service).
create table check_in_score (
    couple_id      uuid        not null,
    period         varchar(10) not null,
    partner_id     text        not null,
    cadence        varchar(8)  not null,
    completed_at   timestamptz not null,
    mood           varchar(16) not null,
    mood_intensity smallint    not null,
    closeness      smallint    not null check (closeness between 1 and 7),
    satisfaction   smallint    not null check (satisfaction between 0 and 10),
    screen_time    varchar(16) not null,
    primary key (couple_id, period, partner_id)
);
create index check_in_score_partner on check_in_score (partner_id);

create table check_in_submitted (
    couple_id    uuid        not null,
    partner_id   text        not null,
    period       varchar(10) not null,
    submitted_at timestamptz not null,
    primary key (couple_id, partner_id, period)
);
create index check_in_submitted_partner on check_in_submitted (partner_id);

create table session_fact (
    session_id     text primary key,
    couple_id      uuid        not null,
    exercise_slug  varchar(80) not null,
    kind           varchar(16) not null,
    level          varchar(16) not null,
    -- Space-separated layers, e.g. "SAFETY OPENNESS".
    layers         varchar(120) not null,
    started_at     timestamptz,
    completed_at   timestamptz
);
create index session_fact_couple on session_fact (couple_id);

create table session_rating (
    session_id     text     not null,
    partner_id     text     not null,
    felt_connected smallint not null,
    felt_safe      smallint not null,
    primary key (session_id, partner_id)
);

create table plan_day_fact (
    session_id    text        not null,
    day           smallint    not null,
    days          smallint    not null,
    couple_id     uuid        not null,
    exercise_slug varchar(80) not null,
    completed_at  timestamptz not null,
    primary key (session_id, day)
);
create index plan_day_fact_couple on plan_day_fact (couple_id);

create table pause_fact (
    session_id      text        not null,
    paused_at       timestamptz not null,
    couple_id       uuid        not null,
    pause_word_said boolean     not null,
    primary key (session_id, paused_at)
);
create index pause_fact_couple on pause_fact (couple_id);

create table reminder_fired_fact (
    reminder_id   uuid        not null,
    partner_id    text        not null,
    occurrence_at timestamptz not null,
    couple_id     uuid,
    kind          varchar(16) not null,
    fired_at      timestamptz not null,
    primary key (reminder_id, partner_id, occurrence_at)
);
create index reminder_fired_fact_couple on reminder_fired_fact (couple_id);
create index reminder_fired_fact_partner on reminder_fired_fact (partner_id);

-- Vacations (reminder-service's pauses): check-in periods inside one freeze a streak instead of breaking it.
create table vacation_fact (
    partner_id text        not null,
    paused_at  timestamptz not null,
    until_date date        not null,
    resumed_at timestamptz,
    primary key (partner_id, paused_at)
);

-- Couples' own choices about their insights (state owned here, not rebuilt from events).
create table insight_preference (
    couple_id    uuid primary key,
    show_streaks boolean not null
);

-- Erased people and purged couples, as SHA-256 of their ids: a replay of old events must not bring them back.
create table forgotten (
    subject_hash char(64) primary key
);
