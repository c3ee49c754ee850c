-- The exercise catalogue. Content rows are seeded and revised by migrations, never edited by the application.
create table exercise (
    slug            varchar(80)  primary key,
    title           varchar(120) not null,
    summary         varchar(400) not null,
    kind            varchar(16)  not null check (kind in ('CONVERSATION', 'RITUAL', 'CHALLENGE', 'PLAN', 'BOOSTER', 'ASSESSMENT', 'QUIZ', 'CHECKLIST')),
    level           varchar(16)  not null check (level in ('BEGINNER', 'INTERMEDIATE', 'ADVANCED')),
    minutes         integer      not null check (minutes > 0),
    content_version integer      not null default 1
);

create table exercise_layer (
    slug  varchar(80) not null references exercise (slug) on delete cascade,
    layer varchar(16) not null check (layer in ('SAFETY', 'OPENNESS', 'EMPATHY', 'SHARED_GROWTH', 'INTERDEPENDENCE')),
    primary key (slug, layer)
);
create index exercise_layer_layer on exercise_layer (layer);

create table exercise_relationship_kind (
    slug              varchar(80) not null references exercise (slug) on delete cascade,
    relationship_kind varchar(16) not null check (relationship_kind in ('ROMANTIC', 'FRIENDSHIP', 'FAMILY')),
    primary key (slug, relationship_kind)
);

-- Ordered steps; a step's type says what the session expects of the partners at that point.
create table exercise_step (
    slug        varchar(80)  not null references exercise (slug) on delete cascade,
    position    integer      not null,
    step_type   varchar(16)  not null check (step_type in ('INSTRUCTION', 'PROMPT', 'SHARE', 'REFLECT_BACK', 'DEBRIEF', 'DAY', 'QUESTION', 'ITEM')),
    title       varchar(120) not null,
    instruction varchar(600),
    timing      varchar(80),
    primary key (slug, position)
);

create table exercise_prompt (
    slug     varchar(80)  not null references exercise (slug) on delete cascade,
    position integer      not null,
    level    varchar(16)  not null check (level in ('BEGINNER', 'INTERMEDIATE', 'ADVANCED')),
    text     varchar(400) not null,
    primary key (slug, position)
);

create table exercise_safety_note (
    slug     varchar(80)  not null references exercise (slug) on delete cascade,
    position integer      not null,
    text     varchar(400) not null,
    primary key (slug, position)
);
