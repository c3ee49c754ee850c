-- The guide's practices the catalogue still lacked (issue 29): layer 5's independence half and a private codependence
-- self-check, the five habits that erode intimacy with their repairs, radical vulnerability as the guide writes it
-- (starting small, its flagship prompt) with "What scared you today?" as a booster, and the affection rituals.

-- Layer 5, "Balance independence and closeness: maintain a strong sense of self while staying emotionally accessible."
insert into exercise (slug, title, summary, kind, level, minutes, prompts_play) values
    ('solo-time-then-share', 'Solo time, then share', 'Each of you plans time alone for something of your own, then brings back what it gave you: the guide''s solo hobbies that return you to each other with renewed energy.', 'CHALLENGE', 'BEGINNER', 20, 'IN_SEQUENCE'),
    ('own-friendships', 'Friendships of your own', 'Each of you reaches out to a friend of your own this week. Diverse support networks make both of you, and the two of you, more resilient.', 'CHALLENGE', 'BEGINNER', 15, 'IN_SEQUENCE'),
    ('decide-alone-then-tell', 'Decide alone, then tell', 'Each makes one small decision on their own this week and tells the other afterwards; the other answers with curiosity, not approval.', 'CONVERSATION', 'BEGINNER', 10, 'IN_SEQUENCE'),
    ('codependence-self-check', 'Closeness or dependency? A self-check', 'The guide''s red flags of intimacy veering into dependency, to tick for yourself, in private.', 'ASSESSMENT', 'BEGINNER', 5, 'IN_SEQUENCE'),
    ('five-eroding-habits', 'Five habits that erode intimacy', 'Defensive listening, stonewalling, passive-aggressive comments, avoiding hard topics, assuming mind-reading: tick the ones you recognise in yourself, each with its repair.', 'CHECKLIST', 'BEGINNER', 10, 'IN_SEQUENCE'),
    ('booster-what-scared-you-today', 'What scared you today?', 'The guide''s alternative to "How was your day?": one question that risks something real, asked and answered in five minutes.', 'BOOSTER', 'BEGINNER', 5, 'IN_SEQUENCE'),
    ('nightly-tech-free-cuddle', 'Nightly tech-free cuddle', 'Five minutes every night, phones in another room, close and quiet: a silent ritual that trains your nervous systems to relax together.', 'RITUAL', 'BEGINNER', 5, null),
    ('hugs-that-last', 'Hugs that last', 'A real hug when you part and when you meet again, held until you both relax. Regular affection is what the guide ties to trust.', 'RITUAL', 'BEGINNER', 2, null);

update exercise set answers_private = true where slug in ('codependence-self-check', 'five-eroding-habits');

insert into exercise_layer (slug, layer) values
    ('solo-time-then-share', 'INTERDEPENDENCE'), ('solo-time-then-share', 'OPENNESS'),
    ('own-friendships', 'INTERDEPENDENCE'),
    ('decide-alone-then-tell', 'INTERDEPENDENCE'), ('decide-alone-then-tell', 'SAFETY'),
    ('codependence-self-check', 'INTERDEPENDENCE'),
    ('five-eroding-habits', 'SAFETY'), ('five-eroding-habits', 'OPENNESS'), ('five-eroding-habits', 'EMPATHY'),
    ('booster-what-scared-you-today', 'OPENNESS'), ('booster-what-scared-you-today', 'EMPATHY'),
    ('nightly-tech-free-cuddle', 'SAFETY'), ('nightly-tech-free-cuddle', 'INTERDEPENDENCE'),
    ('hugs-that-last', 'SAFETY');

insert into exercise_relationship_kind (slug, relationship_kind)
    select e.slug, k.kind from exercise e cross join (values ('ROMANTIC'), ('FRIENDSHIP'), ('FAMILY')) k (kind)
    where e.slug in ('solo-time-then-share', 'own-friendships', 'decide-alone-then-tell', 'codependence-self-check',
        'five-eroding-habits', 'booster-what-scared-you-today');
insert into exercise_relationship_kind (slug, relationship_kind) values
    ('nightly-tech-free-cuddle', 'ROMANTIC'),
    ('hugs-that-last', 'ROMANTIC'), ('hugs-that-last', 'FAMILY');

insert into exercise_step (slug, position, step_type, title, instruction, timing) values
    ('solo-time-then-share', 1, 'INSTRUCTION', 'Plan it apart', 'Each of you picks a few hours this week for something of your own: a hobby, a class, a long walk alone. Tell each other when, not to ask permission but so the other can plan theirs.', null),
    ('solo-time-then-share', 2, 'INSTRUCTION', 'Go', 'Spend the time on yourself, without checking in on each other.', 'a few hours, this week'),
    ('solo-time-then-share', 3, 'PROMPT', 'Bring it back', 'Afterwards, each answers; you see each other''s answer once both have written, then talk about it.', '10 minutes'),
    ('own-friendships', 1, 'INSTRUCTION', 'One friend each', 'Each of you gets in touch with a friend of your own this week (not a shared friend): a call, a coffee, a walk.', 'this week'),
    ('own-friendships', 2, 'PROMPT', 'What it gave you', 'Afterwards, share as much as you like of it: the friendship is yours.', '10 minutes'),
    ('decide-alone-then-tell', 1, 'INSTRUCTION', 'One decision of your own', 'Each of you makes one small decision alone this week (what to cook, a class to take, how to spend a free evening) without asking the other first.', 'this week'),
    ('decide-alone-then-tell', 2, 'PROMPT', 'Tell, and be curious', 'Tell each other what you decided and why. The listener asks one curious question and does not approve, correct or fix.', '10 minutes'),
    ('codependence-self-check', 1, 'INSTRUCTION', 'Just for you', 'Tick what you recognise in yourself lately. Your partner sees that you did this, never what you ticked. Building intimacy should amplify your sense of self, not erase it.', null),
    ('codependence-self-check', 2, 'DEBRIEF', 'If you ticked several', 'Pick one small step back towards yourself: a friend, an interest, a decision of your own (see "Solo time, then share" and "Decide alone, then tell"). If panic when apart runs your days, talk to a counsellor.', null),
    ('five-eroding-habits', 1, 'INSTRUCTION', 'Your habits, not your partner''s', 'Each of you ticks the habits you recognise in yourself, in private. Each one comes with its repair.', null),
    ('five-eroding-habits', 2, 'DEBRIEF', 'One habit to work on', 'Tell your partner one habit you will work on this month and the repair you will try; they listen and thank you, nothing more.', '5 minutes'),
    ('booster-what-scared-you-today', 1, 'PROMPT', 'Instead of "How was your day?"', 'Ask the question below and answer it too. Listen without fixing: a small fear said out loud is already shared.', '5 minutes'),
    ('nightly-tech-free-cuddle', 1, 'INSTRUCTION', 'Phones in another room', 'At the same time every night, put both phones out of reach, screens off.', null),
    ('nightly-tech-free-cuddle', 2, 'INSTRUCTION', 'Five quiet minutes, close', 'Lie or sit close for five minutes. No talking needed, no agenda: just breathe and be there.', '5 minutes, every night'),
    ('hugs-that-last', 1, 'INSTRUCTION', 'Part and meet with a hug', 'When one of you leaves and when you meet again, hug properly, not in passing.', 'twice a day'),
    ('hugs-that-last', 2, 'INSTRUCTION', 'Hold it until you both relax', 'Stay in the hug until you feel both of you soften. Let the other end it.', 'under a minute');

insert into exercise_prompt (slug, position, level, text, step_position) values
    ('solo-time-then-share', 1, 'BEGINNER', 'What did you do with your time, and what did it give you?', 3),
    ('solo-time-then-share', 2, 'BEGINNER', 'What did you bring back to us from it?', 3),
    ('own-friendships', 1, 'BEGINNER', 'Who did you reach out to, and how did it feel to have time with them?', 2),
    ('decide-alone-then-tell', 1, 'BEGINNER', 'What did you decide on your own this week, and what made it yours?', 2),
    ('booster-what-scared-you-today', 1, 'BEGINNER', 'What scared you today?', 1);
insert into exercise_prompt (slug, position, level, text, detail, answer_kind) values
    ('codependence-self-check', 1, 'BEGINNER', 'I feel panicked when we are apart.', null, 'TICK'),
    ('codependence-self-check', 2, 'BEGINNER', 'I find it hard to make decisions on my own.', null, 'TICK'),
    ('codependence-self-check', 3, 'BEGINNER', 'I have been neglecting my friendships.', null, 'TICK'),
    ('codependence-self-check', 4, 'BEGINNER', 'I keep seeking reassurance to feel worthy.', null, 'TICK'),
    ('codependence-self-check', 5, 'BEGINNER', 'I have given up interests of my own to put the relationship first.', null, 'TICK'),
    ('five-eroding-habits', 1, 'BEGINNER', 'Defensive listening: I hear feedback as an attack, not an invitation.', 'Repair: pause, then say back what you heard before you answer ("It sounds like you felt ... when ...").', 'TICK'),
    ('five-eroding-habits', 2, 'BEGINNER', 'Stonewalling: I withdraw or shut down during conflict.', 'Repair: say your pause word instead of going silent, and name when you will come back to it.', 'TICK'),
    ('five-eroding-habits', 3, 'BEGINNER', 'Passive-aggressive comments: I express anger indirectly.', 'Repair: say it straight and kind, as an I-statement: "I felt ... when ...; could we ...?"', 'TICK'),
    ('five-eroding-habits', 4, 'BEGINNER', 'Avoiding hard topics: I skirt around issues that demand honesty.', 'Repair: put one hard topic on a weekly conflict check-in, the topic as the opponent, not each other.', 'TICK'),
    ('five-eroding-habits', 5, 'BEGINNER', 'Assuming mind-reading: I expect my partner to just know what I need.', 'Repair: say one need out loud each week, in your check-in''s "what I need".', 'TICK');

insert into exercise_safety_note (slug, position, text, topic) values
    ('nightly-tech-free-cuddle', 1, 'Affection is offered, never owed: either of you can say "not tonight", and that is part of feeling safe.', 'GENERAL'),
    ('hugs-that-last', 1, 'Affection is offered, never owed: a hug either of you can decline is the only kind that builds trust.', 'GENERAL'),
    ('codependence-self-check', 1, 'This is a mirror, not a diagnosis. If what you tick frightens you, a counsellor can help.', 'OUTSIDE_HELP');

-- Radical vulnerability as the guide writes it: start small (a default session plays the beginner prompt), and its
-- flagship prompt beside the intermediate one.
update exercise set level = 'BEGINNER', content_version = content_version + 1 where slug = 'radical-vulnerability';
insert into exercise_prompt (slug, position, level, text, step_position)
    select 'radical-vulnerability', 4, 'INTERMEDIATE', 'What''s one thing you''re afraid to tell me?', step_position
    from exercise_prompt where slug = 'radical-vulnerability' and position = 2;
update exercise_step set instruction = 'Start small: a beginner session asks the gentlest prompt. The guide''s own prompt, "What''s one thing you''re afraid to tell me?", comes at the intermediate level, beside a small fear about your relationship.'
    where slug = 'radical-vulnerability' and position = 2;

-- The 36 questions are Hearth's own refresh of the well-known ones, and the hour the guide describes is all three sets.
update exercise set summary = 'Hearth''s own refresh of the 36 questions: three escalating sets of twelve for structured, mutual self-disclosure, written for lives full of screens. The guide''s hour is all three sets, alternating asking and answering.',
    content_version = content_version + 1
    where slug = 'thirty-six-questions-rewired';
