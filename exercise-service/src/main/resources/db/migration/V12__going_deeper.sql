-- Going deeper in one sitting (issue 29): a session that plays prompts in sequence (the 36 questions) rises to the
-- next level's prompts once both members asked for it. Who asked, until both have.
create table session_deeper_ready (
    session_id uuid        not null references exercise_session (id) on delete cascade,
    partner_id text        not null,
    level      varchar(16) not null check (level in ('INTERMEDIATE', 'ADVANCED')),
    ready_at   timestamptz not null,
    primary key (session_id, partner_id)
);
create index session_deeper_ready_partner on session_deeper_ready (partner_id);
