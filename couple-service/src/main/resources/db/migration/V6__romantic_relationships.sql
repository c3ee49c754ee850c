-- A person may choose to hold more than one romantic relationship at once (app.hearth.couple.RomanticRelationships);
-- one at a time unless they say so. Pairs stay pairs: each relationship is its own couple.
alter table partner add column romantic_relationships varchar(16) not null default 'ONE_AT_A_TIME'
    check (romantic_relationships in ('ONE_AT_A_TIME', 'MORE_THAN_ONE'));
