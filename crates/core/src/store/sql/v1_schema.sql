-- Planbook workbook format 1.
--
-- Column names equal the serde field names of the structs in src/model, which is how the
-- generic row code in store/rows.rs maps rows to structs. Tables are STRICT so that a value
-- of the wrong type is refused by SQLite itself, even when another tool edits the file.
-- Every row has a UUID and created/updated timestamps (RFC 3339, UTC).

CREATE TABLE planbook_meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

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

CREATE TABLE aim (
    id          TEXT PRIMARY KEY NOT NULL,
    title       TEXT NOT NULL,
    description TEXT NOT NULL,
    position    INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE section (
    id         TEXT PRIMARY KEY NOT NULL,
    title      TEXT NOT NULL,
    body       TEXT NOT NULL,
    position   INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

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

CREATE TABLE outcome (
    id         TEXT PRIMARY KEY NOT NULL,
    code       TEXT NOT NULL,
    statement  TEXT NOT NULL,
    position   INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

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
CREATE INDEX measure_by_outcome ON measure (outcome_id);

CREATE TABLE reading (
    id         TEXT PRIMARY KEY NOT NULL,
    measure_id TEXT NOT NULL REFERENCES measure (id),
    date       TEXT,
    value      REAL,
    note       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX reading_by_measure ON reading (measure_id);

CREATE TABLE partner (
    id         TEXT PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL,
    short_name TEXT NOT NULL,
    kind       TEXT NOT NULL,
    position   INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

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
CREATE INDEX action_by_lead ON action (lead_partner_id);

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
CREATE INDEX milestone_by_action ON milestone (action_id);

CREATE TABLE glossary_term (
    id          TEXT PRIMARY KEY NOT NULL,
    term        TEXT NOT NULL,
    plain_words TEXT NOT NULL,
    definition  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

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

-- Links: one row per pair, each with its own id like every other row.
CREATE TABLE priority_aim (
    id          TEXT PRIMARY KEY NOT NULL,
    priority_id TEXT NOT NULL REFERENCES priority (id),
    aim_id      TEXT NOT NULL REFERENCES aim (id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (priority_id, aim_id)
) STRICT;
CREATE INDEX priority_aim_by_aim ON priority_aim (aim_id);

CREATE TABLE priority_outcome (
    id          TEXT PRIMARY KEY NOT NULL,
    priority_id TEXT NOT NULL REFERENCES priority (id),
    outcome_id  TEXT NOT NULL REFERENCES outcome (id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (priority_id, outcome_id)
) STRICT;
CREATE INDEX priority_outcome_by_outcome ON priority_outcome (outcome_id);

CREATE TABLE action_priority (
    id          TEXT PRIMARY KEY NOT NULL,
    action_id   TEXT NOT NULL REFERENCES action (id),
    priority_id TEXT NOT NULL REFERENCES priority (id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (action_id, priority_id)
) STRICT;
CREATE INDEX action_priority_by_priority ON action_priority (priority_id);

CREATE TABLE action_outcome (
    id         TEXT PRIMARY KEY NOT NULL,
    action_id  TEXT NOT NULL REFERENCES action (id),
    outcome_id TEXT NOT NULL REFERENCES outcome (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (action_id, outcome_id)
) STRICT;
CREATE INDEX action_outcome_by_outcome ON action_outcome (outcome_id);

CREATE TABLE action_partner (
    id         TEXT PRIMARY KEY NOT NULL,
    action_id  TEXT NOT NULL REFERENCES action (id),
    partner_id TEXT NOT NULL REFERENCES partner (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (action_id, partner_id)
) STRICT;
CREATE INDEX action_partner_by_partner ON action_partner (partner_id);

-- The change log. One `edit` is one user action and one transaction; its `change` rows say
-- what it did to which row and field, with the values before and after as JSON text (for an
-- insert or delete, the whole row as a JSON object and the field "*"). Undo applies an edit's
-- changes backwards and marks it undone; redo applies them forwards again.
CREATE TABLE edit (
    id    INTEGER PRIMARY KEY,
    at    TEXT NOT NULL,
    who   TEXT NOT NULL,
    label TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('done', 'undone', 'discarded'))
) STRICT;

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
CREATE INDEX change_by_edit ON change (edit_id);
CREATE INDEX change_by_row ON change (entity, row_id);
