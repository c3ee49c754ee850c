-- Push: a person's devices (a browser's Web Push subscription; FCM and APNs tokens are the same row shape), and one
-- delivery row per notification and device, created in the notification's transaction, sent after commit.
create table push_device (
    id           uuid primary key,
    person_id    text          not null,
    platform     varchar(16)   not null check (platform in ('WEB_PUSH', 'FCM', 'APNS')),
    name         varchar(100)  not null,
    -- Web Push: the push service's endpoint URL; FCM: the registration token; APNs: the device token.
    address      varchar(2000) not null,
    -- Web Push only: the browser's P-256 public key and auth secret (base64url), what messages are encrypted to.
    p256dh       varchar(100),
    auth         varchar(50),
    created_at   timestamptz   not null,
    refreshed_at timestamptz   not null,
    unique (person_id, platform, address)
);
create index push_device_person on push_device (person_id);

create table push_delivery (
    id              uuid primary key,
    device_id       uuid        not null references push_device (id) on delete cascade,
    notification_id uuid        not null,
    partner_id      text        not null,
    -- The lock-screen text (what the person chose to show), the same bytes on every retry.
    payload         text        not null,
    -- Web Push Topic: a newer message of the same reminder replaces an undelivered older one at the push service.
    topic           varchar(32) not null,
    status          varchar(16) not null check (status in ('PENDING', 'DELIVERED', 'DEAD')),
    attempts        int         not null default 0,
    next_attempt_at timestamptz,
    last_status     int,
    last_outcome    varchar(40),
    created_at      timestamptz not null,
    delivered_at    timestamptz,
    unique (device_id, notification_id)
);
create index push_delivery_due on push_delivery (next_attempt_at) where status = 'PENDING';
create index push_delivery_partner on push_delivery (partner_id);

-- Off by default: a locked phone says "Time for your check-in", never a partner's name or a prompt.
alter table reminder_settings add column lock_screen_details boolean not null default false;
