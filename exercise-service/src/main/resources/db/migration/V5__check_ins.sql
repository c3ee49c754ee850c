-- The couple's recurring check-in. A period is a local date (DAILY) or ISO week (WEEKLY) in each partner's own
-- calendar; the check-in completes when both partners have submitted for the same period.
create table check_in (
    id           uuid primary key,
    couple_id    uuid        not null references couple_view (couple_id) on delete cascade,
    period       varchar(10) not null,
    cadence      varchar(16) not null check (cadence in ('DAILY', 'WEEKLY')),
    status       varchar(16) not null check (status in ('OPEN', 'COMPLETED')),
    created_at   timestamptz not null,
    completed_at timestamptz,
    unique (couple_id, period)
);

create table check_in_submission (
    check_in_id    uuid          not null references check_in (id) on delete cascade,
    partner_id     text          not null,
    mood           varchar(16)   not null,
    mood_intensity smallint      not null check (mood_intensity between 1 and 5),
    closeness      smallint      not null check (closeness between 1 and 7),
    satisfaction   smallint      not null check (satisfaction between 0 and 10),
    screen_time    varchar(16)   not null check (screen_time in ('UNDER_1H', 'FROM_1_TO_3H', 'OVER_3H')),
    gratitude      varchar(2000),
    challenging    varchar(2000),
    need           varchar(2000),
    private_note   varchar(2000),
    submitted_at   timestamptz   not null,
    updated_at     timestamptz   not null,
    primary key (check_in_id, partner_id)
);
create index check_in_submission_partner on check_in_submission (partner_id);
