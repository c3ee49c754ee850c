-- A gentle period (issue 29): after a sign of emotional flooding (a low "felt safe" after an intense session, or
-- repeated anxious or lonely check-ins) no intense session starts for the couple until it ends. One row per couple,
-- the latest; a new sign extends it. Who gave the sign is not kept here.
create table gentle_period (
    couple_id  uuid        primary key references couple_view (couple_id) on delete cascade,
    signal     varchar(24) not null check (signal in ('LOW_FELT_SAFE', 'ANXIOUS_OR_LONELY')),
    started_at timestamptz not null,
    until      timestamptz not null check (until > started_at)
);
