-- Planbook's schema on a PostgreSQL server, format 1. An IT team runs it once, as a role that
-- may create schemas and roles (`planbook server init URL` prints it; `--apply` runs it in one
-- transaction). Planbook never asks for more than this on the server.
--
-- What it holds: each shared plan as the content it was published with (`plan.start`) and
-- its edits in the order the server accepted them (`edit.seq`), each a list of row changes
-- (`edit.ops`, JSON). Who may do what is decided here, by grants and row-level security, not
-- by the client: each planner is a PostgreSQL login role in the group `planbook_planner`, and
-- `member` gives each role viewer, editor or owner on each plan.

CREATE SCHEMA planbook;

-- The format of this schema; Planbook refuses a server whose format is newer than it knows.
CREATE TABLE planbook.format (
    version     integer     NOT NULL,
    migrated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO planbook.format (version) VALUES (1);

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'planbook_planner') THEN
        CREATE ROLE planbook_planner NOLOGIN;
    END IF;
END
$$;

CREATE TABLE planbook.plan (
    id         uuid        PRIMARY KEY,
    name       text        NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
    created_by name        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    -- The workbook's content when it was published (Planbook's JSON form).
    start      jsonb       NOT NULL
);

CREATE TABLE planbook.member (
    plan_id   uuid NOT NULL REFERENCES planbook.plan ON DELETE CASCADE,
    role_name name NOT NULL,
    access    text NOT NULL CHECK (access IN ('viewer', 'editor', 'owner')),
    PRIMARY KEY (plan_id, role_name)
);

CREATE TABLE planbook.edit (
    plan_id uuid        NOT NULL REFERENCES planbook.plan ON DELETE CASCADE,
    seq     bigint      NOT NULL CHECK (seq > 0),
    -- Made by the client that pushed it, so a push repeated after a cut connection is
    -- applied once.
    id      uuid        NOT NULL UNIQUE,
    author  name        NOT NULL DEFAULT current_user,
    at      timestamptz NOT NULL DEFAULT now(),
    label   text        NOT NULL,
    ops     jsonb       NOT NULL CHECK (jsonb_typeof(ops) = 'array'),
    PRIMARY KEY (plan_id, seq)
);

-- Who has a plan open, and which item they are on; rows older than a minute are gone people.
CREATE TABLE planbook.presence (
    plan_id   uuid        NOT NULL REFERENCES planbook.plan ON DELETE CASCADE,
    client    uuid        NOT NULL,
    role_name name        NOT NULL DEFAULT current_user,
    item      text        NOT NULL DEFAULT '',
    seen_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (plan_id, client)
);

-- A role's access to a plan. SECURITY DEFINER so the policies below can ask it without
-- each needing to read `member` through its own policy.
CREATE FUNCTION planbook.access(p_plan uuid, p_role name) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS
$$ SELECT access FROM planbook.member WHERE plan_id = p_plan AND role_name = p_role $$;

ALTER TABLE planbook.plan ENABLE ROW LEVEL SECURITY;
ALTER TABLE planbook.member ENABLE ROW LEVEL SECURITY;
ALTER TABLE planbook.edit ENABLE ROW LEVEL SECURITY;
ALTER TABLE planbook.presence ENABLE ROW LEVEL SECURITY;

CREATE POLICY plan_read ON planbook.plan FOR SELECT
    USING (planbook.access(id, current_user) IS NOT NULL);
CREATE POLICY member_read ON planbook.member FOR SELECT
    USING (planbook.access(plan_id, current_user) IS NOT NULL);
CREATE POLICY member_add ON planbook.member FOR INSERT
    WITH CHECK (planbook.access(plan_id, current_user) = 'owner');
CREATE POLICY member_change ON planbook.member FOR UPDATE
    USING (planbook.access(plan_id, current_user) = 'owner');
CREATE POLICY member_remove ON planbook.member FOR DELETE
    USING (planbook.access(plan_id, current_user) = 'owner');
CREATE POLICY edit_read ON planbook.edit FOR SELECT
    USING (planbook.access(plan_id, current_user) IS NOT NULL);
-- The rule that makes a viewer a viewer: only editors and owners add edits, in their own name.
CREATE POLICY edit_add ON planbook.edit FOR INSERT
    WITH CHECK (planbook.access(plan_id, current_user) IN ('editor', 'owner')
                AND author = current_user);
CREATE POLICY presence_read ON planbook.presence FOR SELECT
    USING (planbook.access(plan_id, current_user) IS NOT NULL);
CREATE POLICY presence_own ON planbook.presence FOR ALL
    USING (role_name = current_user)
    WITH CHECK (role_name = current_user AND planbook.access(plan_id, current_user) IS NOT NULL);

-- Publishing: the plan and its first owner, the role publishing it, together.
CREATE FUNCTION planbook.publish(p_id uuid, p_name text, p_start jsonb) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS
$$
BEGIN
    INSERT INTO planbook.plan (id, name, created_by, start) VALUES (p_id, p_name, session_user, p_start);
    INSERT INTO planbook.member (plan_id, role_name, access) VALUES (p_id, session_user, 'owner');
END
$$;

-- A push: accepted only on top of the plan's latest edit (`p_based_on`), so every state the
-- server holds is one a client merged and checked; otherwise the client pulls, merges and
-- pushes again. An id already accepted returns its number and adds nothing. Runs as the
-- caller, so the policy `edit_add` decides whether the caller may edit at all.
CREATE FUNCTION planbook.push(p_plan uuid, p_id uuid, p_based_on bigint, p_label text, p_ops jsonb,
                              OUT accepted boolean, OUT seq bigint)
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS
$$
DECLARE
    head bigint;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended(p_plan::text, 0));
    SELECT e.seq INTO seq FROM planbook.edit e WHERE e.id = p_id;
    IF FOUND THEN
        accepted := true;
        RETURN;
    END IF;
    SELECT coalesce(max(e.seq), 0) INTO head FROM planbook.edit e WHERE e.plan_id = p_plan;
    IF head <> p_based_on THEN
        accepted := false;
        seq := head;
        RETURN;
    END IF;
    INSERT INTO planbook.edit (plan_id, seq, id, label, ops)
        VALUES (p_plan, head + 1, p_id, p_label, p_ops);
    PERFORM pg_notify('planbook_edits', p_plan::text || ' ' || (head + 1)::text);
    accepted := true;
    seq := head + 1;
END
$$;

REVOKE ALL ON SCHEMA planbook FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA planbook FROM PUBLIC;
GRANT USAGE ON SCHEMA planbook TO planbook_planner;
GRANT SELECT ON planbook.format, planbook.plan TO planbook_planner;
GRANT SELECT, INSERT, UPDATE, DELETE ON planbook.member, planbook.presence TO planbook_planner;
GRANT SELECT, INSERT ON planbook.edit TO planbook_planner;
GRANT EXECUTE ON FUNCTION planbook.access(uuid, name), planbook.publish(uuid, text, jsonb),
    planbook.push(uuid, uuid, bigint, text, jsonb) TO planbook_planner;
