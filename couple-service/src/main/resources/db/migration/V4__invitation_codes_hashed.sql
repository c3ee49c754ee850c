-- Invitation codes are kept only as a keyed hash (HMAC-SHA256 under hearth.couples.invitation-code-key): a database
-- dump reveals no live code. Invitations get an id of their own, by which their creator lists and withdraws them.
alter table invitation add column id uuid;
update invitation set id = gen_random_uuid();
alter table invitation alter column id set not null;
alter table invitation drop constraint invitation_pkey;
alter table invitation add primary key (id);
alter table invitation add column code_hash varchar(64);
create unique index invitation_code_hash on invitation (code_hash);
-- Codes stored in clear by earlier releases are hashed, and this column cleared, when the service starts
-- (InvitationCodeHashes); a later release drops it.
alter table invitation alter column code drop not null;
alter table invitation add constraint invitation_code_kept check (code is not null or code_hash is not null);
