-- What each member decides about their own part of the couple's insights (issue 29): their score trends and warnings
-- hidden from the partner, their outside-help pointers shared with the partner, and whether they told Hearth that a
-- past trauma weighs on them (a pointer to outside help, for them alone unless shared).
create table member_insight_setting (
    couple_id          uuid        not null,
    partner_id         text        not null,
    hide_trends        boolean     not null default false,
    share_outside_help boolean     not null default false,
    trauma_said        boolean     not null default false,
    updated_at         timestamptz not null,
    primary key (couple_id, partner_id)
);
create index member_insight_setting_partner on member_insight_setting (partner_id);
