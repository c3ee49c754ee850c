-- One "I'm ready" for what both members agree on before a session moves: going on after a pause (RESUME) and taking it
-- to the next level's prompts (DEEPER, with the level asked for). Replaces session_resume_ready and
-- session_deeper_ready, which held the same thing twice.
alter table session_resume_ready rename to session_member_ready;
alter table session_member_ready add column purpose varchar(16) not null default 'RESUME'
    check (purpose in ('RESUME', 'DEEPER'));
alter table session_member_ready alter column purpose drop default;
alter table session_member_ready add column level varchar(16) check (level in ('INTERMEDIATE', 'ADVANCED'));
alter table session_member_ready add constraint session_member_ready_level check ((purpose = 'DEEPER') = (level is not null));
alter table session_member_ready drop constraint session_resume_ready_pkey;
alter table session_member_ready add primary key (session_id, partner_id, purpose);
insert into session_member_ready (session_id, partner_id, purpose, level, ready_at)
    select session_id, partner_id, 'DEEPER', level, ready_at from session_deeper_ready;
drop table session_deeper_ready;
create index session_member_ready_partner on session_member_ready (partner_id);
