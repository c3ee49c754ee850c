-- Before their first intense exercise both members confirm the safety agreements (app.hearth.couple.SafetyAgreement:
-- the pause word, no phones during hard talks, nothing shared used against each other). A confirmation is the
-- member's own; a new pause word asks both again.
alter table couple_member add column safety_agreements_confirmed_at timestamptz;
