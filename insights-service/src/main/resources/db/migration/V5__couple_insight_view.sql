-- The read model behind a couple's insights, recommendations and timeline: the couple's facts as one JSON document,
-- so a read is one indexed row, not a dozen queries. Insights depend on "now" (the current period, the last 30 or 90
-- days), so the facts are stored, not the sentences; turning facts into insights is cheap, pure Java.
--
-- version counts changes to the couple's facts: it is bumped in the same transaction as every fact, preference or
-- erasure that touches the couple. The document is current only while built_version = version; a reader that finds
-- it stale (or built longer ago than hearth.insights.read-model-max-age, a safety net) rebuilds it and stores it only if version has not moved meanwhile, so a concurrent change can never be
-- hidden by an older document. people lists everyone the document mentions, so an erasure finds every document that
-- holds something of that person (erasing empties the document; the row keeps only the couple id and its counter).
create table couple_insight_view (
    couple_id     uuid primary key,
    version       bigint   not null default 0,
    built_version bigint,
    format        smallint,
    built_at      timestamptz,
    facts         jsonb,
    people        text[]   not null default '{}'
);
create index couple_insight_view_people on couple_insight_view using gin (people);
