-- Guided exercise sessions: both partners follow an exercise's steps; answers stay hidden until both answered.
create table exercise_session (
    id                uuid primary key,
    couple_id         uuid        not null references couple_view (couple_id) on delete cascade,
    exercise_slug     varchar(80) not null references exercise (slug),
    level             varchar(16) not null check (level in ('BEGINNER', 'INTERMEDIATE', 'ADVANCED')),
    status            varchar(16) not null check (status in ('ACTIVE', 'PAUSED', 'COMPLETED')),
    started_by        text,
    started_at        timestamptz not null,
    paused_by         text,
    paused_at         timestamptz,
    pause_word_said   boolean     not null default false,
    resume_not_before timestamptz,
    pause_count       integer     not null default 0,
    completed_at      timestamptz,
    version           bigint      not null default 0
);
create index exercise_session_couple on exercise_session (couple_id, started_at);

-- Who said they are ready to go on after a pause.
create table session_resume_ready (
    session_id uuid        not null references exercise_session (id) on delete cascade,
    partner_id text        not null,
    ready_at   timestamptz not null,
    primary key (session_id, partner_id)
);

create table session_response (
    session_id    uuid          not null references exercise_session (id) on delete cascade,
    step_position integer       not null,
    partner_id    text          not null,
    response      varchar(4000) not null,
    private_note  varchar(2000),
    created_at    timestamptz   not null,
    primary key (session_id, step_position, partner_id)
);
create index session_response_partner on session_response (partner_id);

create table session_rating (
    session_id     uuid        not null references exercise_session (id) on delete cascade,
    partner_id     text        not null,
    felt_connected smallint    not null check (felt_connected between 1 and 5),
    felt_safe      smallint    not null check (felt_safe between 1 and 5),
    created_at     timestamptz not null,
    primary key (session_id, partner_id)
);

create table plan_day (
    session_id   uuid        not null references exercise_session (id) on delete cascade,
    day          integer     not null,
    completed_by text,
    completed_at timestamptz not null,
    primary key (session_id, day)
);
