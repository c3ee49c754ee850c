-- The latest occurrence a recipient chose to skip: replanning (after a reminder edit or a change of zone or quiet
-- hours) never brings it back.
alter table reminder_recipient add column skipped_through timestamptz;
