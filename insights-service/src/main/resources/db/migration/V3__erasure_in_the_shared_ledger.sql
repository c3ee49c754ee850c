-- Erasures now live in hearth-platform's erased_subject (a keyed hash, shared by every consumer of the service);
-- the unkeyed SHA-256 table goes. Its rows cannot be converted (the ids are gone), which only matters for data
-- from before the first release.
drop table forgotten;
