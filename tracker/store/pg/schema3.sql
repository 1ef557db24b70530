-- Schema 3: a status change touches less, a past day is counted from an index. Run on a new database after
-- tallies.sql, and on the owner's open of an older one (tracker/store/pg/core.py _upgrade); every statement
-- may run again.
--
-- Each index of assignments is written by every status change (it changes indexed columns: no HOT update),
-- and opened by the first one in each new session. assignments_unit served no query (a clerk's rows are
-- chosen by tracker_mine(unit_key), which no index answers; the boards group from the covering indexes).
DROP INDEX IF EXISTS assignments_unit;
-- Rows by the day of their last entry, with what counting them needs: a past day counts the rows with no
-- entry after it, and replays the others (tracker/store/pg/counts.py), from this index alone (35 MB at
-- 450,000 rows, not the 265 MB table). Replaces schema 2's plain assignments_changed.
CREATE INDEX IF NOT EXISTS assignments_changed_rows ON assignments (changed_on)
    INCLUDE (id, directive_id, task_id, unit_key, flags, status, done_on, due, event_on, report_on);
DROP INDEX IF EXISTS assignments_changed;

-- The user-stamping triggers run only where there is something to do: the store's own statements write the
-- session's login themselves, so for them the function is not called (nor compiled by a new session). A
-- clerk's change still goes through it (it keeps the record on its unit, task and directive), and any
-- statement that writes another name is corrected as before.
DROP TRIGGER IF EXISTS entry_by ON events;
CREATE TRIGGER entry_by BEFORE INSERT ON events FOR EACH ROW
    WHEN (NEW."by" IS DISTINCT FROM current_user::text OR NEW.doc->>'by' IS DISTINCT FROM current_user::text)
    EXECUTE FUNCTION tracker_entry_by();
DROP TRIGGER IF EXISTS assignment_change ON assignments;
CREATE TRIGGER assignment_change BEFORE UPDATE ON assignments FOR EACH ROW
    WHEN (NEW.changed_by IS DISTINCT FROM current_user::text
          OR (pg_has_role(current_user, 'tracker_clerk', 'MEMBER')
              AND NOT pg_has_role(current_user, 'tracker_coordinator', 'MEMBER')))
    EXECUTE FUNCTION tracker_assignment_change();

-- What replaying an entry reads, beside the columns it has: its status and its order (`seq`, kept by copies of
-- older stores), worked out by the server as each entry is written. The index of entries by assignment then
-- holds all a replay reads: a past day's replay reads it instead of the 269 MB table (450,000 assignments).
-- (It replaces events_assignment, which the history and the rights read as before: no more indexes to write.)
-- (Its old index dropped first, and one statement: the table and its indexes are rewritten once.)
DROP INDEX IF EXISTS events_assignment;
ALTER TABLE events
    ADD COLUMN IF NOT EXISTS to_status text GENERATED ALWAYS AS (nullif(doc->>'to', '')) STORED,
    ADD COLUMN IF NOT EXISTS seq double precision
        GENERATED ALWAYS AS (CASE WHEN jsonb_typeof(doc->'seq') = 'number' THEN (doc->>'seq')::double precision END) STORED;
CREATE INDEX IF NOT EXISTS events_replay ON events (assignment_id) INCLUDE (id, kind, on_day, to_status, seq);
-- A task's kind of deadline: whether its due date moves with an event date or a report (the replayed rows
-- whose due must be worked out again), without reading each task's record.
ALTER TABLE tasks ADD COLUMN IF NOT EXISTS deadline_kind text
    GENERATED ALWAYS AS (coalesce(doc->'deadline'->>'kind', '')) STORED;
