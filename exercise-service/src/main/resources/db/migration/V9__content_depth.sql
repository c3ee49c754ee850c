-- The guide's depth as content: its advanced material as advanced exercises, the long-distance rituals, the dark
-- side (flooding, dependency, honesty without empathy, when to get outside help) as guidance the app can show, and
-- the same safety notes on every intense exercise. Content carries a locale so translations can follow as rows.

alter table exercise add column locale varchar(16) not null default 'en';
-- Rituals meant for partners who live apart (the guide's long-distance couples).
alter table exercise add column long_distance boolean not null default false;

-- What a safety note is about, so "every intense exercise warns about flooding" is checkable, not hoped for.
alter table exercise_safety_note add column topic varchar(24) not null default 'GENERAL'
    check (topic in ('GENERAL', 'PAUSE_WORD', 'PACING', 'FLOODING', 'I_STATEMENTS', 'HONESTY_WITH_EMPATHY', 'OUTSIDE_HELP'));
update exercise_safety_note set topic = 'PAUSE_WORD' where text ilike '%pause word%';
update exercise_safety_note set topic = 'PACING' where text ilike '%slower partner%' or text ilike '%depth over quantity%';
update exercise_safety_note set topic = 'HONESTY_WITH_EMPATHY' where text ilike 'Honesty with empathy%';

-- Advanced exercises, from the guide's advanced material.
insert into exercise (slug, title, summary, kind, level, minutes, prompts_play) values
    ('sharing-a-past-hurt', 'Sharing a past hurt', 'The advanced step of radical vulnerability: one hurt you have not fully shared, told slowly, heard without fixing.', 'CONVERSATION', 'ADVANCED', 45, 'ONE_PER_LEVEL'),
    ('weekly-hard-topic-pact', 'The weekly hard-topic pact', 'Face one hard subject together every week, money most of all, until the discomfort turns into partnership.', 'CONVERSATION', 'ADVANCED', 40, 'IN_SEQUENCE'),
    ('rebuilding-trust-weekly', 'Rebuilding trust, week by week', 'After a breach of trust: a weekly structured session where both share fears and hopes, without rushing forgiveness.', 'CONVERSATION', 'ADVANCED', 45, 'IN_SEQUENCE'),
    ('honest-feedback-with-empathy', 'Honest feedback, with empathy', 'Say a hard truth as an invitation, not a verdict: I-statements, and the question whether it helps or only hurts.', 'CONVERSATION', 'ADVANCED', 30, 'ONE_PER_LEVEL');
insert into exercise_layer (slug, layer) values
    ('sharing-a-past-hurt', 'OPENNESS'), ('sharing-a-past-hurt', 'SAFETY'),
    ('weekly-hard-topic-pact', 'SHARED_GROWTH'), ('weekly-hard-topic-pact', 'OPENNESS'),
    ('rebuilding-trust-weekly', 'SAFETY'), ('rebuilding-trust-weekly', 'OPENNESS'),
    ('honest-feedback-with-empathy', 'EMPATHY'), ('honest-feedback-with-empathy', 'OPENNESS');
insert into exercise_relationship_kind (slug, relationship_kind) values
    ('sharing-a-past-hurt', 'ROMANTIC'), ('sharing-a-past-hurt', 'FRIENDSHIP'), ('sharing-a-past-hurt', 'FAMILY'),
    ('weekly-hard-topic-pact', 'ROMANTIC'), ('weekly-hard-topic-pact', 'FAMILY'),
    ('rebuilding-trust-weekly', 'ROMANTIC'),
    ('honest-feedback-with-empathy', 'ROMANTIC'), ('honest-feedback-with-empathy', 'FRIENDSHIP'), ('honest-feedback-with-empathy', 'FAMILY');
insert into exercise_step (slug, position, step_type, title, instruction, timing) values
    ('sharing-a-past-hurt', 1, 'INSTRUCTION', 'Agree how you will stop', 'Say your pause word out loud before you begin, and agree to check in halfway: "How are you doing with this?"', null),
    ('sharing-a-past-hurt', 2, 'SHARE', 'Tell the hurt', 'One of you tells the hurt, at your own pace. The listener does not interrupt, defend or fix.', 'up to 10 minutes'),
    ('sharing-a-past-hurt', 3, 'REFLECT_BACK', 'Say what you heard', 'The listener sums up what they heard and what they think it felt like, then asks what they missed.', 'about 5 minutes'),
    ('sharing-a-past-hurt', 4, 'DEBRIEF', 'Look after each other', 'Each says what they need for the rest of the day. Swap roles another day, not straight away.', 'about 5 minutes'),
    ('weekly-hard-topic-pact', 1, 'INSTRUCTION', 'Make the pact', 'Agree one hard topic (money, work, family, health) and one time each week to face it, whatever the week was like.', null),
    ('weekly-hard-topic-pact', 2, 'PROMPT', 'This week''s questions', 'Take turns asking; both answer. Facts first, then how they feel.', 'about 25 minutes'),
    ('weekly-hard-topic-pact', 3, 'DEBRIEF', 'One thing we do together', 'Agree one small step you take together before next week.', 'about 5 minutes'),
    ('rebuilding-trust-weekly', 1, 'INSTRUCTION', 'Transparency first', 'Agree what openness looks like for you now (daily check-ins, what each can see), and that this runs alongside professional support, not instead of it.', null),
    ('rebuilding-trust-weekly', 2, 'PROMPT', 'Fears and hopes', 'Each answers every question. Listen to understand, not to argue the facts.', 'about 25 minutes'),
    ('rebuilding-trust-weekly', 3, 'REFLECT_BACK', 'What I heard', 'Each sums up the other''s fear and hope in their words.', 'about 5 minutes'),
    ('rebuilding-trust-weekly', 4, 'DEBRIEF', 'Care this week', 'Name one daily act of care each of you will do this week.', 'about 5 minutes'),
    ('honest-feedback-with-empathy', 1, 'INSTRUCTION', 'Before you say it', 'Ask yourself: is this truth helpful, or just hurtful? Shape it as "I felt ... when ... ; could we ...?"', null),
    ('honest-feedback-with-empathy', 2, 'SHARE', 'Offer it as an invitation', 'One says the feedback as an I-statement and a request. The other listens to the end.', '3 minutes each'),
    ('honest-feedback-with-empathy', 3, 'REFLECT_BACK', 'Reflect before responding', 'The listener sums up the feeling and the request before saying anything of their own.', null),
    ('honest-feedback-with-empathy', 4, 'DEBRIEF', 'What landed', 'Say what it was like to give and to hear it, and what you will try.', null);
insert into exercise_prompt (slug, position, level, text, step_position) values
    ('sharing-a-past-hurt', 1, 'ADVANCED', 'What is a past hurt you have not yet fully shared with me?', 2),
    ('weekly-hard-topic-pact', 1, 'ADVANCED', 'What about this topic worried you most this week?', 2),
    ('weekly-hard-topic-pact', 2, 'ADVANCED', 'What decision about it have you been avoiding raising with me?', 2),
    ('weekly-hard-topic-pact', 3, 'ADVANCED', 'What would make talking about it feel safer next week?', 2),
    ('rebuilding-trust-weekly', 1, 'ADVANCED', 'What fear about us was loudest for you this week?', 2),
    ('rebuilding-trust-weekly', 2, 'ADVANCED', 'What hope about us did you notice this week?', 2),
    ('rebuilding-trust-weekly', 3, 'ADVANCED', 'Which act of care this week helped you trust a little more?', 2),
    ('honest-feedback-with-empathy', 1, 'ADVANCED', 'What is one thing you would like to change between us, said as "I felt ... when ..."?', 2);
insert into exercise_safety_note (slug, position, text, topic) values
    ('sharing-a-past-hurt', 1, 'Share what you are ready to share; nothing is owed. One hurt per session is plenty.', 'PACING'),
    ('weekly-hard-topic-pact', 1, 'The topic is the opponent, not your partner.', 'GENERAL'),
    ('rebuilding-trust-weekly', 1, 'Do not rush forgiveness before the wound has healed; trust comes back through daily acts of care, slowly.', 'PACING'),
    ('rebuilding-trust-weekly', 2, 'After a betrayal, work with a couples therapist as well. This exercise supports that work; it does not replace it.', 'OUTSIDE_HELP'),
    ('honest-feedback-with-empathy', 1, 'Weaponised truth destroys trust. If it is only hurtful, it can wait, or be left unsaid.', 'HONESTY_WITH_EMPATHY');

-- The long-distance rituals: what kept two partners on different continents close.
insert into exercise (slug, title, summary, kind, level, minutes, prompts_play, long_distance) values
    ('long-distance-same-book', 'The same book, apart', 'Read the same book in two places and talk about the same pages.', 'RITUAL', 'BEGINNER', 20, 'IN_SEQUENCE', true),
    ('long-distance-voice-notes', 'Nightly voice notes', 'A short voice note about your day, every night, and one line back about what you heard.', 'RITUAL', 'BEGINNER', 10, 'IN_SEQUENCE', true),
    ('long-distance-milestones', 'Celebrating small milestones', 'Mark the small wins across the distance: a week of notes, a finished book, a hard day got through.', 'RITUAL', 'BEGINNER', 15, 'IN_SEQUENCE', true);
insert into exercise_layer (slug, layer) values
    ('long-distance-same-book', 'INTERDEPENDENCE'), ('long-distance-same-book', 'SHARED_GROWTH'),
    ('long-distance-voice-notes', 'OPENNESS'), ('long-distance-voice-notes', 'INTERDEPENDENCE'),
    ('long-distance-milestones', 'SAFETY'), ('long-distance-milestones', 'SHARED_GROWTH');
insert into exercise_relationship_kind (slug, relationship_kind)
    select e.slug, k.kind from exercise e cross join (values ('ROMANTIC'), ('FRIENDSHIP'), ('FAMILY')) k (kind)
    where e.slug in ('long-distance-same-book', 'long-distance-voice-notes', 'long-distance-milestones');
insert into exercise_step (slug, position, step_type, title, instruction, timing) values
    ('long-distance-same-book', 1, 'INSTRUCTION', 'Pick a book and a pace', 'Choose a book together and agree how many pages a night.', null),
    ('long-distance-same-book', 2, 'PROMPT', 'Tonight''s pages', 'Each answers after reading; you see each other''s answer once both have written.', '15 minutes'),
    ('long-distance-voice-notes', 1, 'INSTRUCTION', 'Same time, every night', 'Agree a time that works in both your time zones. Consistency matters more than length.', null),
    ('long-distance-voice-notes', 2, 'PROMPT', 'Your day, out loud', 'Send a voice note of two or three minutes, then write one line about what you heard in your partner''s.', '5 minutes'),
    ('long-distance-milestones', 1, 'INSTRUCTION', 'Name the milestone', 'Pick something small you got through or kept up, apart.', null),
    ('long-distance-milestones', 2, 'PROMPT', 'Mark it', 'Each answers; then celebrate it together on a call, with the same drink or the same song.', '10 minutes');
insert into exercise_prompt (slug, position, level, text, step_position) values
    ('long-distance-same-book', 1, 'BEGINNER', 'Which moment in tonight''s pages would you have wanted to read side by side?', 2),
    ('long-distance-same-book', 2, 'BEGINNER', 'Which character reminded you of us, or of me?', 2),
    ('long-distance-voice-notes', 1, 'BEGINNER', 'What did you hear in my voice note that you want to know more about?', 2),
    ('long-distance-milestones', 1, 'BEGINNER', 'What small thing did we keep up or get through this week, apart?', 2),
    ('long-distance-milestones', 2, 'BEGINNER', 'What do you want to celebrate next?', 2);
insert into exercise_safety_note (slug, position, text, topic) values
    ('long-distance-voice-notes', 1, 'Prioritise emotional check-ins over logistics: how you are, before who books what.', 'GENERAL');

-- Intense exercises: advanced ones and the ones the guide asks to start with a pause word.
update exercise set intense = true
    where level = 'ADVANCED' or slug in (select slug from exercise_safety_note where topic = 'PAUSE_WORD');

-- Every intense exercise carries the guide's four safety notes; those it already has are not repeated.
insert into exercise_safety_note (slug, position, text, topic)
    select e.slug, (select coalesce(max(n.position), 0) from exercise_safety_note n where n.slug = e.slug) + t.rank, t.text, t.topic
    from exercise e cross join (values
        (1, 'PAUSE_WORD', 'Agree on your pause word before you start. Either of you can say it at any moment; the session pauses for both, and you come back only when both are ready.'),
        (2, 'FLOODING', 'Watch for flooding: sharing too much, too fast can leave either of you dazed or unsafe. Check in halfway, and if anxiety, numbness or resentment follows a deep talk, go slower next time.'),
        (3, 'I_STATEMENTS', 'Speak from your side with I-statements: "I felt ... when ...", not "You always ...".'),
        (4, 'HONESTY_WITH_EMPATHY', 'Honesty with empathy: before a hard truth, ask whether it is helpful or just hurtful, and offer it as an invitation, not a verdict.')
    ) t (rank, topic, text)
    where e.intense and not exists (select 1 from exercise_safety_note n where n.slug = e.slug and n.topic = t.topic);

-- The dark side and where to turn: guidance articles the app shows (safety views link to them).
create table guidance (
    slug     varchar(80)  not null,
    locale   varchar(16)  not null,
    title    varchar(120) not null,
    summary  varchar(400) not null,
    position integer      not null,
    primary key (slug, locale)
);

create table guidance_block (
    slug     varchar(80)   not null,
    locale   varchar(16)   not null,
    position integer       not null,
    kind     varchar(16)   not null check (kind in ('HEADING', 'PARAGRAPH', 'DEFINITION', 'ITEM')),
    text     varchar(1000) not null,
    primary key (slug, locale, position),
    foreign key (slug, locale) references guidance (slug, locale) on delete cascade
);

insert into guidance (slug, locale, title, summary, position) values
    ('emotional-flooding', 'en', 'Over-sharing and emotional flooding', 'When vulnerability becomes overwhelming: the warning signs and how to prevent it.', 1),
    ('dependency-or-interdependence', 'en', 'Closeness or dependency?', 'The thin line between healthy closeness and codependence, and the red flags to watch for.', 2),
    ('honesty-with-empathy', 'en', 'The risks of radical honesty', 'Raw truth without compassion can destroy trust. Honesty with empathy instead.', 3),
    ('when-to-seek-help', 'en', 'When to seek outside help', 'Repeated conflict, emotional shutdown or trauma: when exercises are not enough, and where to start.', 4);
insert into guidance_block (slug, locale, position, kind, text) values
    ('emotional-flooding', 'en', 1, 'PARAGRAPH', 'Vulnerability is powerful, until it becomes overwhelming. Flooding happens when one or both of you share too much, too quickly, leaving the other dazed or unsafe.'),
    ('emotional-flooding', 'en', 2, 'DEFINITION', 'Emotional flooding: a state of overwhelm caused by intense or rapid emotional disclosure, often followed by withdrawal.'),
    ('emotional-flooding', 'en', 3, 'DEFINITION', 'Boundaries: clear limits that protect each person''s emotional health and the relationship.'),
    ('emotional-flooding', 'en', 4, 'HEADING', 'Warning signs after a deep talk'),
    ('emotional-flooding', 'en', 5, 'ITEM', 'Anxiety'),
    ('emotional-flooding', 'en', 6, 'ITEM', 'Feeling far away or numb (dissociation)'),
    ('emotional-flooding', 'en', 7, 'ITEM', 'Resentment'),
    ('emotional-flooding', 'en', 8, 'HEADING', 'Prevention'),
    ('emotional-flooding', 'en', 9, 'ITEM', 'Agree on a pause word, and use it: pausing is always allowed, for either of you.'),
    ('emotional-flooding', 'en', 10, 'ITEM', 'Check in mid-conversation: "How are you doing with this?"'),
    ('emotional-flooding', 'en', 11, 'ITEM', 'Respect each other''s pace. Real intimacy is paced, not forced.'),
    ('dependency-or-interdependence', 'en', 1, 'PARAGRAPH', 'Interdependence means supporting each other without losing yourself. Dependency stifles both of you.'),
    ('dependency-or-interdependence', 'en', 2, 'HEADING', 'Codependence that looks like intimacy'),
    ('dependency-or-interdependence', 'en', 3, 'ITEM', 'Needing constant reassurance to feel worthy'),
    ('dependency-or-interdependence', 'en', 4, 'ITEM', 'Giving up your own interests to put the relationship first'),
    ('dependency-or-interdependence', 'en', 5, 'ITEM', 'Feeling panicked when apart'),
    ('dependency-or-interdependence', 'en', 6, 'HEADING', 'Red flags that closeness is turning into dependency'),
    ('dependency-or-interdependence', 'en', 7, 'ITEM', 'Feeling panicked when apart'),
    ('dependency-or-interdependence', 'en', 8, 'ITEM', 'Not being able to make decisions on your own'),
    ('dependency-or-interdependence', 'en', 9, 'ITEM', 'Neglecting friendships'),
    ('dependency-or-interdependence', 'en', 10, 'ITEM', 'Constantly seeking reassurance'),
    ('dependency-or-interdependence', 'en', 11, 'PARAGRAPH', 'Building closeness should make you more yourself, not less. If several of these sound familiar, talk about them together, and consider outside support.'),
    ('honesty-with-empathy', 'en', 1, 'PARAGRAPH', '"No filter" honesty can feel brave, but truth used as a weapon destroys trust.'),
    ('honesty-with-empathy', 'en', 2, 'HEADING', 'Before you say it'),
    ('honesty-with-empathy', 'en', 3, 'ITEM', 'Ask yourself: is this truth helpful, or just hurtful?'),
    ('honesty-with-empathy', 'en', 4, 'ITEM', 'Use I-statements: "I felt ... when ...", not "You always ...".'),
    ('honesty-with-empathy', 'en', 5, 'ITEM', 'Offer feedback as an invitation, not a verdict.'),
    ('when-to-seek-help', 'en', 1, 'PARAGRAPH', 'Sometimes doing it yourselves reaches its limit. Exercises cannot heal deep wounds; those need different medicine.'),
    ('when-to-seek-help', 'en', 2, 'HEADING', 'Seek support if you notice'),
    ('when-to-seek-help', 'en', 3, 'ITEM', 'Conflict that keeps coming back'),
    ('when-to-seek-help', 'en', 4, 'ITEM', 'Emotional shutdown: one or both of you going numb or silent'),
    ('when-to-seek-help', 'en', 5, 'ITEM', 'Trauma, from this relationship or an earlier one'),
    ('when-to-seek-help', 'en', 6, 'HEADING', 'Where to start'),
    ('when-to-seek-help', 'en', 7, 'ITEM', 'A qualified therapist, on your own, together, or both.'),
    ('when-to-seek-help', 'en', 8, 'ITEM', 'Look for evidence-based, ongoing support, and beware of unqualified advice, from people or from apps (this one included).'),
    ('when-to-seek-help', 'en', 9, 'ITEM', 'Be willing to do the hard work together.'),
    ('when-to-seek-help', 'en', 10, 'PARAGRAPH', 'If anyone is in danger, contact your local emergency services now.');
