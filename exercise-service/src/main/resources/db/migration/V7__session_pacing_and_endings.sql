-- Pacing counts a session at the more demanding of its exercise's catalogue level and the prompt level asked for,
-- so asking for BEGINNER prompts on an advanced exercise does not slip past the weekly limit or the foundation rule.
alter table exercise_session add column pacing_level varchar(16);
update exercise_session s set pacing_level = case
        when s.level = 'ADVANCED' or e.level = 'ADVANCED' then 'ADVANCED'
        when s.level = 'INTERMEDIATE' or e.level = 'INTERMEDIATE' then 'INTERMEDIATE'
        else 'BEGINNER' end
    from exercise e where e.slug = s.exercise_slug;
alter table exercise_session alter column pacing_level set not null;
alter table exercise_session add constraint exercise_session_pacing_level_check
    check (pacing_level in ('BEGINNER', 'INTERMEDIATE', 'ADVANCED'));
create index exercise_session_pacing on exercise_session (couple_id, pacing_level, started_at);

-- Either partner can end a session (ENDED, with an optional reason the couple sees); a paused session nobody touched
-- for 7 days lapses (LAPSED). Neither blocks a new session.
alter table exercise_session drop constraint exercise_session_status_check;
alter table exercise_session add constraint exercise_session_status_check
    check (status in ('ACTIVE', 'PAUSED', 'COMPLETED', 'ENDED', 'LAPSED'));
alter table exercise_session add column ended_by text;
alter table exercise_session add column ended_at timestamptz;
alter table exercise_session add column end_reason varchar(300);
alter table exercise_session add column last_activity_at timestamptz;
update exercise_session set last_activity_at = coalesce(completed_at, paused_at, started_at);
alter table exercise_session alter column last_activity_at set not null;
create index exercise_session_open on exercise_session (last_activity_at) where status in ('ACTIVE', 'PAUSED');

-- Intense exercises (advanced, or ones the guide asks to start with a pause word agreed) show the couple's pause word
-- in the session, before their steps.
alter table exercise add column intense boolean not null default false;
update exercise set intense = true
    where level = 'ADVANCED' or slug in (select slug from exercise_safety_note where text ilike '%pause word%');
