-- Stands for a migration hearth-platform adds in a later release (SchemaUpgradeTest only).
create table later_shared_table (id integer primary key);
