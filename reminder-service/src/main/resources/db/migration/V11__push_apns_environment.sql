-- APNs devices of development builds are reached through Apple's sandbox endpoint.
alter table push_device add column environment varchar(16) check (environment in ('PRODUCTION', 'SANDBOX'));
