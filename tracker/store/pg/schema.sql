-- The tracker's tables on PostgreSQL (tracker/store/pg). Created on first open by a role that may.
-- Each row keeps the record the TinyDB store keeps (`doc`, jsonb: what the store's logic reads and
-- writes), with the fields SQL filters, joins, indexes and row-level security need as real columns.
-- Dates the judging compares are day ordinals (Python's date.toordinal(); 0 = none), the same numbers
-- tracker.track.judge computes with: `due` is written through it, so SQL compares due with a day.

CREATE TABLE IF NOT EXISTS tracker_meta (key text PRIMARY KEY, value text NOT NULL);

CREATE SEQUENCE IF NOT EXISTS directive_ids;
CREATE SEQUENCE IF NOT EXISTS task_ids;
CREATE SEQUENCE IF NOT EXISTS assignment_ids;
CREATE SEQUENCE IF NOT EXISTS event_ids;

CREATE TABLE IF NOT EXISTS units (
    key text PRIMARY KEY,             -- unit id, or "?" + the name as written
    pos integer NOT NULL UNIQUE,      -- order of first appearance
    name text, level text, kind text, parent text,
    doc jsonb NOT NULL
);

CREATE TABLE IF NOT EXISTS directives (
    id integer PRIMARY KEY,
    number text, date text, issuer_id text, level text,
    issued integer NOT NULL DEFAULT 0,  -- the directive's day as an ordinal (tracker.track.document_day), 0 = unknown
    parent_id integer,
    doc jsonb NOT NULL,
    updated_by text NOT NULL DEFAULT current_user
);

CREATE TABLE IF NOT EXISTS tasks (
    id integer PRIMARY KEY,
    directive_id integer NOT NULL REFERENCES directives(id) ON DELETE CASCADE,
    ord integer NOT NULL DEFAULT 0,
    path text, removed boolean NOT NULL DEFAULT false,
    indicators integer[] NOT NULL DEFAULT '{}',
    doc jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS tasks_directive ON tasks (directive_id);

-- The chain: a task carries out its parent task(s). Written from tasks.doc's parent_task_ids.
CREATE TABLE IF NOT EXISTS task_links (
    task_id integer NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    parent_task_id integer NOT NULL,
    PRIMARY KEY (task_id, parent_task_id)
);

CREATE TABLE IF NOT EXISTS assignments (
    id integer PRIMARY KEY,
    directive_id integer NOT NULL REFERENCES directives(id) ON DELETE CASCADE,
    task_id integer NOT NULL,
    unit_key text NOT NULL,
    flags integer NOT NULL DEFAULT 0,          -- tracker/store/index.py FLAG_* (removed 1, unresolved 2, support 4 ...)
    status smallint NOT NULL DEFAULT 0,        -- tracker.track.status.CODE
    status_on integer NOT NULL DEFAULT 0,      -- day ordinals, 0 = none
    done_on integer NOT NULL DEFAULT 0,
    event_on integer NOT NULL DEFAULT 0,
    report_on integer NOT NULL DEFAULT 0,
    changed_on integer NOT NULL DEFAULT 0,
    child integer NOT NULL DEFAULT 0,          -- the child directive that carries it out, 0 = none
    due integer NOT NULL DEFAULT 0,            -- tracker.track.judge.due_ordinal of its current state
    ver integer NOT NULL DEFAULT 1,            -- bumped by every change: a writer checks what it read
    changed_by text NOT NULL DEFAULT current_user,
    doc jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS assignments_directive ON assignments (directive_id);
CREATE INDEX IF NOT EXISTS assignments_task ON assignments (task_id);
-- Open work by due day, the maintained counts and their index: tallies.sql.
-- The planner cannot guess how many rows `flags & 1 = 0` keeps (not removed: nearly all) and took 0.5%: the
-- per-unit / per-directive counts then sorted every row on disk instead of hashing a few hundred groups.
CREATE STATISTICS IF NOT EXISTS assignments_removed ON (flags & 1) FROM assignments;

CREATE TABLE IF NOT EXISTS events (
    id integer PRIMARY KEY,
    assignment_id integer NOT NULL,
    directive_id integer NOT NULL,
    kind text NOT NULL,
    at text NOT NULL,
    on_day text,
    by text NOT NULL DEFAULT current_user,
    doc jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS events_directive ON events (directive_id);

-- Which unit a database login records for (a commune's or a sở's clerk). tracker/store/pg/rights.sql.
CREATE TABLE IF NOT EXISTS tracker_users (
    login text PRIMARY KEY,
    unit_key text NOT NULL
);
