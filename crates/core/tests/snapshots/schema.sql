-- index action_by_lead
CREATE INDEX action_by_lead ON action (lead_partner_id);

-- index action_outcome_by_outcome
CREATE INDEX action_outcome_by_outcome ON action_outcome (outcome_id);

-- index action_partner_by_partner
CREATE INDEX action_partner_by_partner ON action_partner (partner_id);

-- index action_priority_by_priority
CREATE INDEX action_priority_by_priority ON action_priority (priority_id);

-- index change_by_edit
CREATE INDEX change_by_edit ON change (edit_id);

-- index change_by_row
CREATE INDEX change_by_row ON change (entity, row_id);

-- index measure_by_outcome
CREATE INDEX measure_by_outcome ON measure (outcome_id);

-- index milestone_by_action
CREATE INDEX milestone_by_action ON milestone (action_id);

-- index priority_aim_by_aim
CREATE INDEX priority_aim_by_aim ON priority_aim (aim_id);

-- index priority_outcome_by_outcome
CREATE INDEX priority_outcome_by_outcome ON priority_outcome (outcome_id);

-- index reading_by_measure
CREATE INDEX reading_by_measure ON reading (measure_id);

-- index sqlite_autoindex_action_1
;

-- index sqlite_autoindex_action_outcome_1
;

-- index sqlite_autoindex_action_outcome_2
;

-- index sqlite_autoindex_action_partner_1
;

-- index sqlite_autoindex_action_partner_2
;

-- index sqlite_autoindex_action_priority_1
;

-- index sqlite_autoindex_action_priority_2
;

-- index sqlite_autoindex_aim_1
;

-- index sqlite_autoindex_engagement_1
;

-- index sqlite_autoindex_glossary_term_1
;

-- index sqlite_autoindex_measure_1
;

-- index sqlite_autoindex_milestone_1
;

-- index sqlite_autoindex_outcome_1
;

-- index sqlite_autoindex_partner_1
;

-- index sqlite_autoindex_plan_1
;

-- index sqlite_autoindex_planbook_meta_1
;

-- index sqlite_autoindex_priority_1
;

-- index sqlite_autoindex_priority_aim_1
;

-- index sqlite_autoindex_priority_aim_2
;

-- index sqlite_autoindex_priority_outcome_1
;

-- index sqlite_autoindex_priority_outcome_2
;

-- index sqlite_autoindex_reading_1
;

-- index sqlite_autoindex_section_1
;

-- table action
CREATE TABLE action (
    id              TEXT PRIMARY KEY NOT NULL,
    code            TEXT NOT NULL,
    title           TEXT NOT NULL,
    description     TEXT NOT NULL,
    lead_partner_id TEXT REFERENCES partner (id),
    start_date      TEXT,
    due_date        TEXT,
    status          TEXT NOT NULL,
    progress_note   TEXT NOT NULL,
    position        INTEGER NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;

-- table action_outcome
CREATE TABLE action_outcome (
    id         TEXT PRIMARY KEY NOT NULL,
    action_id  TEXT NOT NULL REFERENCES action (id),
    outcome_id TEXT NOT NULL REFERENCES outcome (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (action_id, outcome_id)
) STRICT;

-- table action_partner
CREATE TABLE action_partner (
    id         TEXT PRIMARY KEY NOT NULL,
    action_id  TEXT NOT NULL REFERENCES action (id),
    partner_id TEXT NOT NULL REFERENCES partner (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (action_id, partner_id)
) STRICT;

-- table action_priority
CREATE TABLE action_priority (
    id          TEXT PRIMARY KEY NOT NULL,
    action_id   TEXT NOT NULL REFERENCES action (id),
    priority_id TEXT NOT NULL REFERENCES priority (id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (action_id, priority_id)
) STRICT;

-- table aim
CREATE TABLE aim (
    id          TEXT PRIMARY KEY NOT NULL,
    title       TEXT NOT NULL,
    description TEXT NOT NULL,
    position    INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

-- table change
CREATE TABLE change (
    id      INTEGER PRIMARY KEY,
    edit_id INTEGER NOT NULL REFERENCES edit (id),
    at      TEXT NOT NULL,
    who     TEXT NOT NULL,
    entity  TEXT NOT NULL,
    row_id  TEXT NOT NULL,
    field   TEXT NOT NULL,
    op      TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    before  TEXT,
    after   TEXT
) STRICT;

-- table edit
CREATE TABLE edit (
    id    INTEGER PRIMARY KEY,
    at    TEXT NOT NULL,
    who   TEXT NOT NULL,
    label TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('done', 'undone', 'discarded'))
) STRICT;

-- table engagement
CREATE TABLE engagement (
    id             TEXT PRIMARY KEY NOT NULL,
    who            TEXT NOT NULL,
    how            TEXT NOT NULL,
    held_on        TEXT,
    what_they_said TEXT NOT NULL,
    what_changed   TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;

-- table glossary_term
CREATE TABLE glossary_term (
    id          TEXT PRIMARY KEY NOT NULL,
    term        TEXT NOT NULL,
    plain_words TEXT NOT NULL,
    definition  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

-- table measure
CREATE TABLE measure (
    id             TEXT PRIMARY KEY NOT NULL,
    outcome_id     TEXT NOT NULL REFERENCES outcome (id),
    title          TEXT NOT NULL,
    unit           TEXT NOT NULL,
    direction      TEXT NOT NULL,
    baseline_value REAL,
    baseline_date  TEXT,
    target_value   REAL,
    target_date    TEXT,
    source         TEXT NOT NULL,
    position       INTEGER NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;

-- table milestone
CREATE TABLE milestone (
    id           TEXT PRIMARY KEY NOT NULL,
    action_id    TEXT NOT NULL REFERENCES action (id),
    title        TEXT NOT NULL,
    due_date     TEXT,
    completed_on TEXT,
    position     INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;

-- table outcome
CREATE TABLE outcome (
    id         TEXT PRIMARY KEY NOT NULL,
    code       TEXT NOT NULL,
    statement  TEXT NOT NULL,
    position   INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

-- table partner
CREATE TABLE partner (
    id         TEXT PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL,
    short_name TEXT NOT NULL,
    kind       TEXT NOT NULL,
    position   INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

-- table plan
CREATE TABLE plan (
    id            TEXT PRIMARY KEY NOT NULL,
    title         TEXT NOT NULL,
    subtitle      TEXT NOT NULL,
    partnership   TEXT NOT NULL,
    area          TEXT NOT NULL,
    population    INTEGER,
    period_start  TEXT,
    period_end    TEXT,
    vision        TEXT NOT NULL,
    status        TEXT NOT NULL,
    version_label TEXT NOT NULL,
    language      TEXT NOT NULL,
    notes         TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;

-- table planbook_meta
CREATE TABLE planbook_meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

-- table priority
CREATE TABLE priority (
    id         TEXT PRIMARY KEY NOT NULL,
    code       TEXT NOT NULL,
    title      TEXT NOT NULL,
    summary    TEXT NOT NULL,
    theme      TEXT NOT NULL,
    position   INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

-- table priority_aim
CREATE TABLE priority_aim (
    id          TEXT PRIMARY KEY NOT NULL,
    priority_id TEXT NOT NULL REFERENCES priority (id),
    aim_id      TEXT NOT NULL REFERENCES aim (id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (priority_id, aim_id)
) STRICT;

-- table priority_outcome
CREATE TABLE priority_outcome (
    id          TEXT PRIMARY KEY NOT NULL,
    priority_id TEXT NOT NULL REFERENCES priority (id),
    outcome_id  TEXT NOT NULL REFERENCES outcome (id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (priority_id, outcome_id)
) STRICT;

-- table reading
CREATE TABLE reading (
    id         TEXT PRIMARY KEY NOT NULL,
    measure_id TEXT NOT NULL REFERENCES measure (id),
    date       TEXT,
    value      REAL,
    note       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

-- table section
CREATE TABLE section (
    id         TEXT PRIMARY KEY NOT NULL,
    title      TEXT NOT NULL,
    body       TEXT NOT NULL,
    position   INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

