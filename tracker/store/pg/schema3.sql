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
