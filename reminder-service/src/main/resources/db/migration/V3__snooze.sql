-- Snoozed notifications come back at snoozed_until (kept in the database, so a restart loses nothing).
alter table notification add column snoozed_until timestamptz;
alter table notification drop constraint notification_status_check;
alter table notification add constraint notification_status_check
    check (status in ('UNREAD', 'READ', 'DISMISSED', 'SNOOZED'));
create index notification_snoozed_due on notification (snoozed_until) where status = 'SNOOZED';
