-- Relationships: two partners, one kind, active until a member ends it; kept 30 days after for the former members.
create table couple (
    id               uuid primary key,
    kind             varchar(16)  not null check (kind in ('ROMANTIC', 'FRIENDSHIP', 'FAMILY')),
    status           varchar(16)  not null check (status in ('ACTIVE', 'ENDED')),
    since            timestamptz  not null,
    anniversary      date,
    pause_word       varchar(40),
    check_in_cadence varchar(16)  not null default 'WEEKLY' check (check_in_cadence in ('DAILY', 'WEEKLY')),
    ended_at         timestamptz,
    purge_after      timestamptz,
    version          bigint       not null default 0
);
create index couple_purge_due on couple (purge_after) where status = 'ENDED';

create table couple_member (
    couple_id  uuid        not null references couple (id) on delete cascade,
    partner_id text        not null references partner (id) on delete cascade,
    joined_at  timestamptz not null,
    primary key (couple_id, partner_id)
);
create index couple_member_partner on couple_member (partner_id);

-- Single-use pairing codes. Accepted or revoked codes stay (status) until the inviter is erased.
create table invitation (
    code              varchar(16)  primary key,
    inviter_id        text         not null references partner (id) on delete cascade,
    relationship_kind varchar(16)  not null check (relationship_kind in ('ROMANTIC', 'FRIENDSHIP', 'FAMILY')),
    status            varchar(16)  not null check (status in ('PENDING', 'ACCEPTED', 'REVOKED')),
    created_at        timestamptz  not null,
    expires_at        timestamptz  not null,
    accepted_at       timestamptz,
    couple_id         uuid         references couple (id) on delete set null
);
create index invitation_inviter on invitation (inviter_id);

-- Failed attempts to accept a code, for the per-person rate limit (pruned as they age out).
create table accept_attempt (
    id           bigserial   primary key,
    partner_id   text        not null references partner (id) on delete cascade,
    attempted_at timestamptz not null
);
create index accept_attempt_partner on accept_attempt (partner_id, attempted_at);

-- Consent for partner apps: requested by one member, approved by the other, revocable by either.
create table integration_grant (
    id           uuid primary key,
    couple_id    uuid         not null references couple (id) on delete cascade,
    client_id    varchar(100) not null,
    scopes       varchar(100) not null,
    status       varchar(16)  not null check (status in ('PENDING', 'ACTIVE', 'REVOKED')),
    requested_by text         references partner (id) on delete set null,
    approved_by  text         references partner (id) on delete set null,
    created_at   timestamptz  not null,
    approved_at  timestamptz,
    expires_at   timestamptz,
    revoked_at   timestamptz
);
create index integration_grant_couple on integration_grant (couple_id);
