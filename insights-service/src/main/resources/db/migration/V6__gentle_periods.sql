-- exercise-service's gentle periods (issue 29): after a sign of emotional flooding, recommendations stay gentle and an
-- insight says why until the period ends. Keyed by when the period started; a later sign extends it (until grows).
create table gentle_period_fact (
    couple_id  uuid        not null,
    started_at timestamptz not null,
    signal     varchar(24) not null,
    until      timestamptz not null,
    primary key (couple_id, started_at)
);
