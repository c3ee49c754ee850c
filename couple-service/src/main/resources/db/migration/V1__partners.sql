-- A person using Hearth, keyed by the subject of their OIDC token.
create table partner (
    id                     text primary key,
    display_name           varchar(80)  not null,
    time_zone              varchar(64)  not null,
    locale                 varchar(35)  not null,
    quiet_hours_start      time         not null,
    quiet_hours_end        time         not null,
    start_of_day_hour      smallint     not null check (start_of_day_hour between 0 and 23),
    attachment_style       varchar(16)  check (attachment_style in ('SECURE', 'ANXIOUS', 'AVOIDANT', 'UNSURE')),
    share_attachment_style boolean      not null default false,
    created_at             timestamptz  not null,
    updated_at             timestamptz  not null,
    version                bigint       not null default 0
);
