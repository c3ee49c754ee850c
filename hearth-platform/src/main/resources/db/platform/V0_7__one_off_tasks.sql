-- One-off tasks a release runs once per database after its migrations (hearth-platform's ErasureRepair, say): done
-- once any replica finished one.
create table one_off_task (
    name         text        primary key,
    completed_at timestamptz not null
);
