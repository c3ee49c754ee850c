-- A CoupleEnded can be read before its CoupleFormed (they may sit in different partitions during a rebuild): either
-- one starts the couple's row, the other completes it.
alter table couple_fact alter column kind drop not null;
alter table couple_fact alter column formed_at drop not null;

-- A RemindersResumed can be read before the RemindersPaused it ends: resumptions are kept as facts of their own and
-- matched to the pause they end when insights are read.
create table vacation_resume_fact (
    partner_id text        not null,
    resumed_at timestamptz not null,
    primary key (partner_id, resumed_at)
);

-- The projection rebuild's status, one row every replica reads; a conditional update lets one replica at a time
-- run it (a stale heartbeat frees a rebuild whose replica died).
create table projection_rebuild (
    id            smallint primary key check (id = 1),
    state         varchar(16) not null,
    started_at    timestamptz,
    finished_at   timestamptz,
    heartbeat_at  timestamptz,
    events_read   bigint      not null default 0,
    facts_written bigint      not null default 0,
    skipped       bigint      not null default 0,
    error         text
);
insert into projection_rebuild (id, state) values (1, 'IDLE');
