-- The trace an event was written in (W3C traceparent and tracestate), so the relay's Kafka record and every consumer
-- continue it: one trace from the API call to the last consumer.
alter table outbox_event add column trace_parent text;
alter table outbox_event add column trace_state text;
