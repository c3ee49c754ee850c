-- Webhooks: a person (every notification they receive) or a partner app (a couple's notifications, while the couple
-- grants it reminders.read) registers an HTTPS URL; each delivery is signed with the subscription's secret.
create table webhook_subscription (
    id          uuid primary key,
    owner_type  varchar(16)  not null check (owner_type in ('PERSON', 'PARTNER_APP')),
    -- The person's id, or the partner app's client id.
    owner_id    text         not null,
    couple_id   uuid,
    url         varchar(2000) not null,
    secret      varchar(64)  not null,
    created_at  timestamptz  not null,
    check ((owner_type = 'PARTNER_APP') = (couple_id is not null))
);
create index webhook_subscription_owner on webhook_subscription (owner_id);
create index webhook_subscription_couple on webhook_subscription (couple_id) where couple_id is not null;

-- One row per notification and subscription, created in the notification's transaction (nothing is lost), sent
-- after commit by whichever replica claims it; retried with exponential backoff, DEAD after the last attempt.
create table webhook_delivery (
    id              uuid primary key,
    subscription_id uuid        not null references webhook_subscription (id) on delete cascade,
    notification_id uuid        not null,
    -- Whose notification it is, so erasing that person removes it from partner apps' deliveries too.
    partner_id      text        not null,
    payload         text        not null,
    status          varchar(16) not null check (status in ('PENDING', 'DELIVERED', 'DEAD')),
    attempts        int         not null default 0,
    next_attempt_at timestamptz,
    last_status     int,
    last_error      varchar(300),
    created_at      timestamptz not null,
    delivered_at    timestamptz,
    unique (subscription_id, notification_id)
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'PENDING';
create index webhook_delivery_subscription on webhook_delivery (subscription_id, created_at desc);
create index webhook_delivery_partner on webhook_delivery (partner_id);

-- Live stream: every replica LISTENs; a notification arriving (fired, nudged or back from snooze) is announced on
-- commit, so a client connected to any replica hears about it whichever replica fired it.
create function announce_notification() returns trigger language plpgsql as $$
begin
    if new.status = 'UNREAD' and (tg_op = 'INSERT' or old.status is distinct from 'UNREAD') then
        perform pg_notify('hearth_notification', new.partner_id || ' ' || new.id);
    end if;
    return null;
end $$;
create trigger notification_announced after insert or update of status on notification
    for each row execute function announce_notification();
