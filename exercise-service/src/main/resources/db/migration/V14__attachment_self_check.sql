-- Attachment styles with substance (issue 29): a private self-check whose ticks suggest a style (each statement leans
-- towards one), explained in the attachment-styles article; the suggestion words a member's own safety reminders.
alter table exercise_prompt add column suggests varchar(16) check (suggests in ('SECURE', 'ANXIOUS', 'AVOIDANT'));

insert into exercise (slug, title, summary, kind, level, minutes, prompts_play, answers_private) values
    ('attachment-style-self-check', 'Which attachment style is closest to yours?', 'A private self-check: tick what sounds like you and see which of the guide''s three styles (secure, anxious, avoidant) it suggests, and what that means for how you open up.', 'ASSESSMENT', 'BEGINNER', 5, 'IN_SEQUENCE', true);
insert into exercise_layer (slug, layer) values
    ('attachment-style-self-check', 'SAFETY'), ('attachment-style-self-check', 'OPENNESS');
insert into exercise_relationship_kind (slug, relationship_kind) values
    ('attachment-style-self-check', 'ROMANTIC'), ('attachment-style-self-check', 'FRIENDSHIP'),
    ('attachment-style-self-check', 'FAMILY');
insert into exercise_step (slug, position, step_type, title, instruction, timing) values
    ('attachment-style-self-check', 1, 'INSTRUCTION', 'Just for you', 'Tick each statement that sounds like you in this relationship. Your partner sees that you did this, never what you ticked or what it suggests.', null),
    ('attachment-style-self-check', 2, 'DEBRIEF', 'What it suggests', 'A style is a tendency, not destiny. Read what yours means (/v1/guidance/attachment-styles); share it with your partner only if you want to, in your profile.', null);
insert into exercise_prompt (slug, position, level, text, answer_kind, suggests) values
    ('attachment-style-self-check', 1, 'BEGINNER', 'I find it easy to tell my partner what I need.', 'TICK', 'SECURE'),
    ('attachment-style-self-check', 2, 'BEGINNER', 'After we argue, I trust that we will be all right.', 'TICK', 'SECURE'),
    ('attachment-style-self-check', 3, 'BEGINNER', 'I worry that my partner will lose interest or leave.', 'TICK', 'ANXIOUS'),
    ('attachment-style-self-check', 4, 'BEGINNER', 'I need to hear often that I am loved before I feel settled.', 'TICK', 'ANXIOUS'),
    ('attachment-style-self-check', 5, 'BEGINNER', 'When we get very close, I want to pull back or get busy.', 'TICK', 'AVOIDANT'),
    ('attachment-style-self-check', 6, 'BEGINNER', 'I find it hard to depend on my partner, or to let them depend on me.', 'TICK', 'AVOIDANT');
