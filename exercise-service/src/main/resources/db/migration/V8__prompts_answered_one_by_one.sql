-- One prompt model for every exercise that has prompts: each partner answers each prompt (a question, a checklist
-- item, a quiz statement) on its own. The 36 questions are played in sequence, three sets of twelve; variant
-- exercises play the prompt of their level; checklist items are ticked; quiz statements are judged myth or true
-- (the answer is in its own column, never in the question); a self-assessment's answers are private.

alter table exercise add column prompts_play varchar(16)
    check (prompts_play in ('ONE_PER_LEVEL', 'IN_SEQUENCE'));
-- Answers shown to their author only (the partner sees that they were given, never what they say).
alter table exercise add column answers_private boolean not null default false;

alter table exercise_prompt add column step_position integer;
alter table exercise_prompt add column answer_kind varchar(16) not null default 'TEXT'
    check (answer_kind in ('TEXT', 'TICK', 'CHOICE'));
alter table exercise_prompt add column detail varchar(600);
alter table exercise_prompt add column correct_choice varchar(16) check (correct_choice in ('MYTH', 'TRUE'));
alter table exercise_prompt add column explanation varchar(600);
alter table exercise_prompt add constraint exercise_prompt_choice_has_answer
    check ((answer_kind = 'CHOICE') = (correct_choice is not null and explanation is not null));

create table session_prompt_answer (
    session_id      uuid          not null references exercise_session (id) on delete cascade,
    prompt_position integer       not null,
    partner_id      text          not null,
    answer          varchar(4000),
    choice          varchar(16)   check (choice in ('MYTH', 'TRUE')),
    skipped         boolean       not null default false,
    answered_at     timestamptz   not null,
    primary key (session_id, prompt_position, partner_id)
);
create index session_prompt_answer_partner on session_prompt_answer (partner_id);

-- The 36 questions: all three sets, in order, each set under its step; a session plays the sets up to its level.
update exercise set prompts_play = 'IN_SEQUENCE', content_version = content_version + 1 where slug = 'thirty-six-questions-rewired';
update exercise_prompt set step_position = case when position <= 12 then 2 when position <= 24 then 3 else 4 end
    where slug = 'thirty-six-questions-rewired';
update exercise_step set instruction = 'Take turns: one of you asks, both answer, then swap who asks. Honesty matters more than impressive answers.'
    where slug = 'thirty-six-questions-rewired' and position = 2;

-- Exercises whose prompt is a variant by level: the session plays the one at its level (or the nearest below).
update exercise set prompts_play = 'ONE_PER_LEVEL' where slug in ('radical-vulnerability', 'conflict-check-in',
    'no-judgment-zone', 'reflecting-back-feelings', 'friends-and-family-adaptation');
update exercise_prompt p set step_position = (select min(s.position) from exercise_step s where s.slug = p.slug
        and s.step_type in ('PROMPT', 'SHARE'))
    where p.slug in ('radical-vulnerability', 'conflict-check-in', 'no-judgment-zone', 'reflecting-back-feelings',
        'friends-and-family-adaptation');

-- The self-assessment: its four questions become private prompts; answers already given move with them.
update exercise set prompts_play = 'IN_SEQUENCE', answers_private = true, content_version = content_version + 1
    where slug = 'emotional-availability-self-assessment';
insert into exercise_prompt (slug, position, level, text, answer_kind)
    select slug, position, 'BEGINNER', instruction, 'TEXT' from exercise_step
    where slug = 'emotional-availability-self-assessment' and step_type = 'QUESTION';
insert into session_prompt_answer (session_id, prompt_position, partner_id, answer, skipped, answered_at)
    select r.session_id, r.step_position, r.partner_id,
           left(r.response || coalesce(E'\n\n' || r.private_note, ''), 4000), false, r.created_at
    from session_response r join exercise_session s on s.id = r.session_id
    where s.exercise_slug = 'emotional-availability-self-assessment' and r.step_position between 1 and 4;
delete from session_response r using exercise_session s
    where s.id = r.session_id and s.exercise_slug = 'emotional-availability-self-assessment';
delete from exercise_step where slug = 'emotional-availability-self-assessment' and step_type = 'QUESTION';
update exercise_step set position = 2 where slug = 'emotional-availability-self-assessment' and position = 5;
insert into exercise_step (slug, position, step_type, title, instruction, timing) values ('emotional-availability-self-assessment', 1, 'INSTRUCTION', 'Just for you', 'Answer each question for yourself, honestly. Your partner sees that you did this, never what you wrote.', null);

-- The myths quiz: statements to judge, myth or true; the answer and why are revealed to each partner after they
-- answered. Free-text answers given to the old version (which printed the answer) cannot be scored and are dropped.
update exercise set title = 'Myth or true?', summary = 'Ten statements about closeness, the five myths that keep couples stuck among them: judge each, then see what is true.',
    minutes = 10, prompts_play = 'IN_SEQUENCE', content_version = content_version + 1 where slug = 'intimacy-myths-quiz';
delete from session_response r using exercise_session s where s.id = r.session_id and s.exercise_slug = 'intimacy-myths-quiz';
delete from exercise_step where slug = 'intimacy-myths-quiz';
insert into exercise_step (slug, position, step_type, title, instruction, timing) values ('intimacy-myths-quiz', 1, 'INSTRUCTION', 'Judge on your own', 'Each of you decides, statement by statement: myth or true? You see the answer once you have given yours.', null);
insert into exercise_step (slug, position, step_type, title, instruction, timing) values ('intimacy-myths-quiz', 2, 'DEBRIEF', 'Where you differed', 'Talk about a statement you judged differently, or one that surprised you.', 'about 5 minutes');
insert into exercise_prompt (slug, position, level, text, answer_kind, correct_choice, explanation) values
    ('intimacy-myths-quiz', 1, 'BEGINNER', 'If it is real, it is effortless.', 'CHOICE', 'MYTH', 'Intimacy is built, not found: friction, vulnerability and repair are how trust gets built, not signs that something is wrong.'),
    ('intimacy-myths-quiz', 2, 'BEGINNER', 'Small moments, repeated, do more for closeness than grand gestures.', 'CHOICE', 'TRUE', 'Small, repeated investments outclass grand gestures every time.'),
    ('intimacy-myths-quiz', 3, 'BEGINNER', 'Talking always fixes everything.', 'CHOICE', 'MYTH', 'Communication is only as good as the listening.'),
    ('intimacy-myths-quiz', 4, 'BEGINNER', 'Sharing silence can bring you as close as a long conversation.', 'CHOICE', 'TRUE', 'Micro-moments of shared silence often do more for intimacy than hours of conversation.'),
    ('intimacy-myths-quiz', 5, 'BEGINNER', 'To be truly close, you must share everything.', 'CHOICE', 'MYTH', 'Boundaries matter more than full disclosure.'),
    ('intimacy-myths-quiz', 6, 'BEGINNER', 'Sharing too much, too fast can leave a partner overwhelmed.', 'CHOICE', 'TRUE', 'That is emotional flooding. Real intimacy is paced, not forced.'),
    ('intimacy-myths-quiz', 7, 'BEGINNER', 'Intimacy is just for new couples.', 'CHOICE', 'MYTH', 'Closeness can deepen with time.'),
    ('intimacy-myths-quiz', 8, 'BEGINNER', 'Facing something hard together can bring you closer.', 'CHOICE', 'TRUE', 'Shared discomfort builds a sense of "us against the world".'),
    ('intimacy-myths-quiz', 9, 'BEGINNER', 'Conflict always destroys closeness.', 'CHOICE', 'MYTH', 'Handled well, conflict can make you stronger.'),
    ('intimacy-myths-quiz', 10, 'BEGINNER', 'Closeness should make you more yourself, not less.', 'CHOICE', 'TRUE', 'Building emotional intimacy should amplify your sense of self, not erase it.');

-- Checklists: items each partner ticks for themselves.
update exercise set prompts_play = 'IN_SEQUENCE', content_version = content_version + 1
    where slug in ('common-mistakes-checklist', 'next-steps-checklist');
insert into exercise_prompt (slug, position, level, text, detail, answer_kind)
    select slug, position, 'BEGINNER', title, instruction, 'TICK' from exercise_step
    where slug in ('common-mistakes-checklist', 'next-steps-checklist') and step_type = 'ITEM';
delete from exercise_step where slug in ('common-mistakes-checklist', 'next-steps-checklist') and step_type = 'ITEM';
insert into exercise_step (slug, position, step_type, title, instruction, timing) values ('common-mistakes-checklist', 1, 'INSTRUCTION', 'Tick what you already do', 'Each of you ticks the habits you already practise. The unticked ones are this month''s work.', null);
insert into exercise_step (slug, position, step_type, title, instruction, timing) values ('next-steps-checklist', 1, 'INSTRUCTION', 'One step at a time', 'Tick each step as you take it; come back to the list as often as you like.', null);

alter table exercise_step drop constraint exercise_step_step_type_check;
alter table exercise_step add constraint exercise_step_step_type_check
    check (step_type in ('INSTRUCTION', 'PROMPT', 'SHARE', 'REFLECT_BACK', 'DEBRIEF', 'DAY'));
