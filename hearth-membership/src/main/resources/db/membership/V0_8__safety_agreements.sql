-- Both members confirmed the safety agreements for the pause word agreed now (couple-service decides; intense
-- exercises wait for it).
alter table couple_view add column safety_agreements_confirmed boolean not null default false;
