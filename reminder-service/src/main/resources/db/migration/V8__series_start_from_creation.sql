-- A reminder without a start date starts when it was created, in each recipient's own zone: COUNT and UNTIL count
-- from there (earlier releases stored the day before creation, in UTC, which made COUNT=3 fire twice).
alter table reminder alter column start_date drop not null;
