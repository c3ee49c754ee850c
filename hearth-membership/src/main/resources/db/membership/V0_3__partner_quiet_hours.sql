-- Quiet hours travel with the partner's profile: reminders are held while they last.
alter table partner_view add column quiet_hours_start time;
alter table partner_view add column quiet_hours_end time;
