-- Platform tables every service shares (hearth-platform). Service migrations start at V1.

-- Transactional outbox: written in the same transaction as the state change, relayed to Kafka, then deleted.
create table outbox_event (
    seq        bigserial primary key,
    event_id   uuid        not null unique,
    topic      text        not null,
    event_key  text        not null,
    event_type text        not null,
    payload    text        not null,
    created_at timestamptz not null
);

-- Idempotent inbox: the ids of events a consumer has already applied.
create table inbox_event (
    consumer     text        not null,
    event_id     uuid        not null,
    event_type   text        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
