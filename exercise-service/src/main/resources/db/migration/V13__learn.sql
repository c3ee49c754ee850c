-- Learn (issue 29): the guide's explanatory material as guidance articles, its tables with their figures and each
-- table's source as the guide gives it. A table is a header row, rows (cells separated by a tab), a caption and its
-- source; a quote is a quote.
alter table guidance_block drop constraint guidance_block_kind_check;
alter table guidance_block add constraint guidance_block_kind_check
    check (kind in ('HEADING', 'PARAGRAPH', 'DEFINITION', 'ITEM', 'QUOTE', 'TABLE_HEADER', 'TABLE_ROW', 'CAPTION', 'SOURCE'));

insert into guidance (slug, locale, title, summary, position) values
    ('what-emotional-intimacy-is', 'en', 'What emotional intimacy is (and is not)', 'Being truly seen, known and accepted, and why intimacy is not code for sex: emotional, physical and intellectual intimacy.', 5),
    ('how-intimacy-changed', 'en', 'How the meaning of intimacy changed', 'From privacy and secrecy in the 1920s to mutual vulnerability and ongoing repair today.', 6),
    ('attachment-styles', 'en', 'Attachment styles', 'Secure, anxious and avoidant: what each looks like, and why knowing yours helps.', 7),
    ('biology-of-trust', 'en', 'The biology of trust', 'Oxytocin, stress and learning: what happens in the body when you feel safe together.', 8),
    ('screen-time-and-intimacy', 'en', 'Screen time and intimacy', 'What the surveys the guide cites found about devices and closeness, beside what Hearth''s own couples report.', 9),
    ('digital-detox-results', 'en', 'What a digital detox did for couples', 'Closeness and anxiety after phone-free meals, walks and evenings.', 10),
    ('resilience', 'en', 'Building resilience', 'Four skills that future-proof a connection.', 11);

insert into guidance_block (slug, locale, position, kind, text) values
    ('what-emotional-intimacy-is', 'en', 1, 'PARAGRAPH', 'Today emotional intimacy means something broad: the capacity to be truly seen, known, and accepted by another, warts and all. What that looks like varies across cultures and generations: daily check-ins for some, rare and profound moments for others.'),
    ('what-emotional-intimacy-is', 'en', 2, 'PARAGRAPH', 'Intimacy is not code for sex, yet the two are often confused, which leads to disappointment. Three kinds are in play:'),
    ('what-emotional-intimacy-is', 'en', 3, 'DEFINITION', 'Emotional intimacy: the ability to share inner thoughts, feelings and vulnerabilities without fear. For example, confiding in your partner about past failures or anxieties.'),
    ('what-emotional-intimacy-is', 'en', 4, 'DEFINITION', 'Physical intimacy: touch, affection and sexual connection. For example, holding hands, hugging, or sex.'),
    ('what-emotional-intimacy-is', 'en', 5, 'DEFINITION', 'Intellectual intimacy: sharing ideas, debates and intellectual pursuits. For example, discussing books, news or philosophical dilemmas.'),
    ('what-emotional-intimacy-is', 'en', 6, 'PARAGRAPH', 'Confusing them can sabotage a relationship: a couple may have a passionate sex life and feel emotionally estranged, or share everything intellectually and shy away from vulnerability. Knowing the difference is the gateway to lasting closeness.'),

    ('how-intimacy-changed', 'en', 1, 'PARAGRAPH', 'The word has changed radically over a century. In the early 20th century intimacy often meant privacy and sexual closeness; by the late 20th and early 21st centuries the focus moved to emotional sharing.'),
    ('how-intimacy-changed', 'en', 2, 'TABLE_HEADER', E'Year/decade\tDominant definition of intimacy\tKey cultural factors'),
    ('how-intimacy-changed', 'en', 3, 'TABLE_ROW', E'1920s\tPrivacy, secrecy, sexual exclusivity\tSocial taboos, patriarchy'),
    ('how-intimacy-changed', 'en', 4, 'TABLE_ROW', E'1960s\tRomantic love, confessional sharing\tSexual revolution, therapy boom'),
    ('how-intimacy-changed', 'en', 5, 'TABLE_ROW', E'1990s\tOpenness, "soulmate" connection\tPop psychology, media narratives'),
    ('how-intimacy-changed', 'en', 6, 'TABLE_ROW', E'2020s\tRadical authenticity, mutual growth\tDigital life, self-help culture'),
    ('how-intimacy-changed', 'en', 7, 'TABLE_ROW', E'2025\tMutual vulnerability, ongoing repair\tTech overload, mental health focus'),
    ('how-intimacy-changed', 'en', 8, 'CAPTION', 'Timeline: how the definition of intimacy has changed (1920-2025)'),
    ('how-intimacy-changed', 'en', 9, 'SOURCE', 'Original analysis based on MasterClass, 2024, expert sources (as the guide gives it)'),
    ('how-intimacy-changed', 'en', 10, 'PARAGRAPH', 'What feels intimate to one partner may seem superficial to the other: recognising these differences is step one.'),

    ('attachment-styles', 'en', 1, 'PARAGRAPH', 'Why do some people crave constant reassurance while others flinch at the first sign of neediness? Attachment theory describes three primary styles.'),
    ('attachment-styles', 'en', 2, 'DEFINITION', 'Secure: trusts easily, expresses needs openly, and handles conflict with grace.'),
    ('attachment-styles', 'en', 3, 'DEFINITION', 'Anxious: tends to worry about abandonment and seeks frequent validation.'),
    ('attachment-styles', 'en', 4, 'DEFINITION', 'Avoidant: withdraws or shuts down when intimacy intensifies.'),
    ('attachment-styles', 'en', 5, 'PARAGRAPH', 'Attachment styles are not destiny, but they shape vulnerability and communication. If you recognise your own pattern, you can spot the moments where you self-sabotage or shut down; when you know each other''s, you can respond with empathy rather than reactivity.'),
    ('attachment-styles', 'en', 6, 'QUOTE', '"Understanding your attachment style is the cheat code for real intimacy." (Jordan, therapist, quoted in the guide)'),

    ('biology-of-trust', 'en', 1, 'PARAGRAPH', 'When you feel emotionally safe, the brain releases oxytocin, the "bonding hormone": it strengthens trust, reduces fear and makes vulnerability feel rewarding. It cannot be hacked with a quick hit: lasting trust comes from repeated, small demonstrations of reliability and care. Couples who share regular, non-sexual affection, such as hugging or holding hands, report stronger bonds.'),
    ('biology-of-trust', 'en', 2, 'TABLE_HEADER', E'Biological factor\tImpact on intimacy\tStudy findings (2024-2025)'),
    ('biology-of-trust', 'en', 3, 'TABLE_ROW', E'Oxytocin release\tIncreases bonding\tRegular affection = 22% higher trust'),
    ('biology-of-trust', 'en', 4, 'TABLE_ROW', E'Cortisol (stress hormone)\tDecreases openness\tChronic stress = 40% lower satisfaction'),
    ('biology-of-trust', 'en', 5, 'TABLE_ROW', E'Neuroplasticity (learning)\tSupports emotional growth\tShared activities boost connection'),
    ('biology-of-trust', 'en', 6, 'CAPTION', 'Biological factors that influence emotional intimacy in adults (summary of recent studies)'),
    ('biology-of-trust', 'en', 7, 'SOURCE', 'Original analysis based on Healthline, 2024, recent scientific papers (as the guide gives it)'),

    ('screen-time-and-intimacy', 'en', 1, 'PARAGRAPH', 'Research published in 2024 by the AARP found that 41% of Americans over 40 yearn for more authentic emotional connection, despite spending more time connected than ever. A 2025 joint survey by the Gottman Institute and Pew Research Center found that couples who use devices during shared time are 2.3 times more likely to report feeling neglected.'),
    ('screen-time-and-intimacy', 'en', 2, 'TABLE_HEADER', E'Device usage (per day)\t% reporting high intimacy\t% reporting low satisfaction'),
    ('screen-time-and-intimacy', 'en', 3, 'TABLE_ROW', E'<1 hour\t68%\t14%'),
    ('screen-time-and-intimacy', 'en', 4, 'TABLE_ROW', E'1-3 hours\t50%\t28%'),
    ('screen-time-and-intimacy', 'en', 5, 'TABLE_ROW', E'>3 hours\t29%\t46%'),
    ('screen-time-and-intimacy', 'en', 6, 'CAPTION', 'Correlation between screen time and reported relationship satisfaction (2025 survey data)'),
    ('screen-time-and-intimacy', 'en', 7, 'SOURCE', 'Original analysis based on AARP, 2024, Gottman Institute/Pew, 2025 (as the guide gives it)'),
    ('screen-time-and-intimacy', 'en', 8, 'PARAGRAPH', 'Hearth''s own couples, in the same shape, anonymised and only where enough couples stand behind a figure: GET /v1/population/screen-time on insights-service.'),

    ('digital-detox-results', 'en', 1, 'PARAGRAPH', 'Couples who completed a digital detox reported being closer and less anxious. The 7-day plan in the catalogue follows the same steps; repeat it on a rhythm that suits you.'),
    ('digital-detox-results', 'en', 2, 'TABLE_HEADER', E'Detox activity\t% reporting improved closeness\t% reporting less anxiety'),
    ('digital-detox-results', 'en', 3, 'TABLE_ROW', E'No devices at meals\t62%\t41%'),
    ('digital-detox-results', 'en', 4, 'TABLE_ROW', E'Phone-free walks\t56%\t38%'),
    ('digital-detox-results', 'en', 5, 'TABLE_ROW', E'TV-free evenings\t48%\t35%'),
    ('digital-detox-results', 'en', 6, 'CAPTION', 'Results from couples who completed a digital detox (2024 study)'),
    ('digital-detox-results', 'en', 7, 'SOURCE', 'Original analysis based on Healthline, 2024, AARP survey data (as the guide gives it)'),

    ('resilience', 'en', 1, 'PARAGRAPH', 'Adaptability is the new relationship superpower. The most resilient couples, and individuals, keep these four habits:'),
    ('resilience', 'en', 2, 'ITEM', 'Embrace ongoing learning'),
    ('resilience', 'en', 3, 'ITEM', 'Practise digital boundaries'),
    ('resilience', 'en', 4, 'ITEM', 'Prioritise self-reflection'),
    ('resilience', 'en', 5, 'ITEM', 'Cultivate diverse support networks'),
    ('resilience', 'en', 6, 'PARAGRAPH', 'As intimacy becomes more complex, these skills are your insurance for authentic, lasting connection.');
