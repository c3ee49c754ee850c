-- Webhook secrets are kept sealed (AES-GCM under hearth.reminders.webhooks.secret-key, the subscription id bound in),
-- never in clear. A rotated-out secret keeps signing, next to the new one, until previous_secret_expires_at.
alter table webhook_subscription add column secret_box text;
alter table webhook_subscription add column previous_secret_box text;
alter table webhook_subscription add column previous_secret_expires_at timestamptz;
-- Secrets stored in clear by earlier releases are sealed, and this column cleared, when the service starts
-- (WebhookSecrets); a later release drops it.
alter table webhook_subscription alter column secret drop not null;
alter table webhook_subscription add constraint webhook_subscription_secret_kept check (secret is not null or secret_box is not null);

-- A delivery's last outcome is a category (delivered, http-5xx, timeout, ...), never a receiver's or the network's
-- own words: those would make the delivery log a scanner of whatever answers.
alter table webhook_delivery rename column last_error to last_outcome;
update webhook_delivery set last_outcome = case
    when last_outcome is null then (case when status = 'DELIVERED' then 'delivered' end)
    when last_status between 300 and 399 then 'http-3xx'
    when last_status between 400 and 499 then 'http-4xx'
    when last_status >= 500 then 'http-5xx'
    else 'network-error' end;
alter table webhook_delivery alter column last_outcome type varchar(32);
