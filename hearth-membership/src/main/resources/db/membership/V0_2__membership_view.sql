-- A service's own view of who is in which couple and what partner apps may see, built from couple-events
-- and partner-events (couple-service is the source of truth).
create table couple_view (
    couple_id         uuid primary key,
    kind              varchar(16) not null,
    status            varchar(16) not null check (status in ('ACTIVE', 'ENDED')),
    check_in_cadence  varchar(16) not null check (check_in_cadence in ('DAILY', 'WEEKLY')),
    pause_word_agreed boolean     not null default false,
    updated_at        timestamptz not null
);

create table couple_view_member (
    couple_id  uuid not null references couple_view (couple_id) on delete cascade,
    partner_id text not null,
    primary key (couple_id, partner_id)
);
create index couple_view_member_partner on couple_view_member (partner_id);

-- Each partner's calendar: check-in periods follow their zone and the hour their day starts.
create table partner_view (
    partner_id        text primary key,
    time_zone         varchar(64) not null,
    start_of_day_hour smallint    not null,
    updated_at        timestamptz not null
);

create table partner_app_grant (
    grant_id   uuid primary key,
    couple_id  uuid         not null references couple_view (couple_id) on delete cascade,
    client_id  varchar(100) not null,
    scopes     varchar(100) not null,
    expires_at timestamptz
);
create index partner_app_grant_couple on partner_app_grant (couple_id, client_id);
