-- Maintained counts (schema 2): the overdue board and the first screen read these, not every assignment.
-- Run on a new database after schema.sql and rights.sql, and on open of an older one (then backfilled by
-- tracker/store/pg/core.py ensure_schema); every statement may run again.
--
-- What is counted never depends on the day asked: per unit and per directive, the assignments not
-- removed by their day-free state (tracker_state: open, done on time, done late, cancelled). Which open
-- ones are overdue on a day comes at query time from the index assignments_overdue (open rows by due day),
-- as the folder store's due column does (tracker/store/dues.py); tracker/store/pg/counts.py puts it together.
--
-- Writers never update a shared counter row (clerks of one commune would queue behind each other, and two
-- transactions touching two counters in opposite orders would deadlock): a trigger appends each change to
-- tally_log, and tracker_fold_tallies() moves the log into the totals now and then.

-- The rule of tracker.track.assess.classify_ordinal that does not depend on the day: 0 open, 1 done on time,
-- 2 done late, 3 cancelled (status codes of tracker.track.status: 2 done, 4 cancelled). tests/test_pg_tallies.py
-- checks it against classify_ordinal on every case.
CREATE OR REPLACE FUNCTION tracker_state(status smallint, done_on integer, due integer) RETURNS smallint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT (CASE WHEN status = 4 THEN 3
                 WHEN status = 2 THEN (CASE WHEN due > 0 AND done_on > due THEN 2 ELSE 1 END)
                 ELSE 0 END)::smallint
$$;

CREATE TABLE IF NOT EXISTS unit_tally (
    unit_key text NOT NULL, state smallint NOT NULL, n integer NOT NULL, PRIMARY KEY (unit_key, state));
CREATE TABLE IF NOT EXISTS directive_tally (
    directive_id integer NOT NULL, state smallint NOT NULL, n integer NOT NULL, PRIMARY KEY (directive_id, state));
CREATE TABLE IF NOT EXISTS tally_log (
    unit_key text NOT NULL, directive_id integer NOT NULL, state smallint NOT NULL, n integer NOT NULL);

-- Each write of an assignment: -1 for what it counted as, +1 for what it counts as now.
CREATE OR REPLACE FUNCTION tracker_tally() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.flags & 1 = 0 THEN
        INSERT INTO tally_log VALUES (OLD.unit_key, OLD.directive_id, tracker_state(OLD.status, OLD.done_on, OLD.due), -1);
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.flags & 1 = 0 THEN
        INSERT INTO tally_log VALUES (NEW.unit_key, NEW.directive_id, tracker_state(NEW.status, NEW.done_on, NEW.due), 1);
    END IF;
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS tally_insert ON assignments;
DROP TRIGGER IF EXISTS tally_delete ON assignments;
DROP TRIGGER IF EXISTS tally_update ON assignments;
CREATE TRIGGER tally_insert AFTER INSERT ON assignments FOR EACH ROW EXECUTE FUNCTION tracker_tally();
CREATE TRIGGER tally_delete AFTER DELETE ON assignments FOR EACH ROW EXECUTE FUNCTION tracker_tally();
CREATE TRIGGER tally_update AFTER UPDATE ON assignments FOR EACH ROW
    WHEN (OLD.unit_key IS DISTINCT FROM NEW.unit_key OR OLD.directive_id IS DISTINCT FROM NEW.directive_id
          OR (OLD.flags & 1) IS DISTINCT FROM (NEW.flags & 1)
          OR tracker_state(OLD.status, OLD.done_on, OLD.due) IS DISTINCT FROM tracker_state(NEW.status, NEW.done_on, NEW.due))
    EXECUTE FUNCTION tracker_tally();

-- Move the log into the totals once it holds more than `threshold` rows (one session at a time; the others
-- read totals + log, which is the same answer). Returns the rows moved.
CREATE OR REPLACE FUNCTION tracker_fold_tallies(threshold integer) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE moved integer;
BEGIN
    IF (SELECT count(*) FROM (SELECT 1 FROM tally_log LIMIT threshold + 1) x) <= threshold THEN
        RETURN 0;
    END IF;
    IF NOT pg_try_advisory_xact_lock(715002) THEN
        RETURN 0;
    END IF;
    WITH gone AS (DELETE FROM tally_log RETURNING unit_key, directive_id, state, n),
         u AS (INSERT INTO unit_tally SELECT unit_key, state, sum(n)::integer FROM gone GROUP BY 1, 2
               ON CONFLICT (unit_key, state) DO UPDATE SET n = unit_tally.n + EXCLUDED.n),
         d AS (INSERT INTO directive_tally SELECT directive_id, state, sum(n)::integer FROM gone GROUP BY 1, 2
               ON CONFLICT (directive_id, state) DO UPDATE SET n = directive_tally.n + EXCLUDED.n)
    SELECT count(*) INTO moved FROM gone;
    DELETE FROM unit_tally WHERE n = 0;
    DELETE FROM directive_tally WHERE n = 0;
    RETURN moved;
END $$;

-- Open work by due day, with what the counts group by: "overdue as of a day" reads only the open rows past
-- due, from the index alone (replaces schema 1's assignments_open_due).
CREATE INDEX IF NOT EXISTS assignments_overdue ON assignments (due) INCLUDE (unit_key, directive_id, changed_on)
    WHERE status NOT IN (2, 4) AND flags & 1 = 0;
DROP INDEX IF EXISTS assignments_open_due;
-- (Rows with an entry after the day asked, replayed from their history: schema3.sql's assignments_changed_rows.)
-- (schema 1 made this on new databases only)
CREATE STATISTICS IF NOT EXISTS assignments_removed ON (flags & 1) FROM assignments;

-- Rights: as for the rows counted. A clerk reads her units' counts; per-directive counts mix every unit's
-- rows, so only those who read the whole province read them.
GRANT SELECT ON unit_tally, tally_log TO tracker_clerk, tracker_coordinator, tracker_chair;
GRANT SELECT ON directive_tally TO tracker_coordinator, tracker_chair;
ALTER TABLE unit_tally ENABLE ROW LEVEL SECURITY;
ALTER TABLE directive_tally ENABLE ROW LEVEL SECURITY;
ALTER TABLE tally_log ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS province_read ON unit_tally;
DROP POLICY IF EXISTS province_read ON directive_tally;
DROP POLICY IF EXISTS province_read ON tally_log;
DROP POLICY IF EXISTS her_unit ON unit_tally;
DROP POLICY IF EXISTS her_unit ON tally_log;
CREATE POLICY province_read ON unit_tally FOR SELECT TO tracker_coordinator, tracker_chair USING (true);
CREATE POLICY province_read ON directive_tally FOR SELECT TO tracker_coordinator, tracker_chair USING (true);
CREATE POLICY province_read ON tally_log FOR SELECT TO tracker_coordinator, tracker_chair USING (true);
CREATE POLICY her_unit ON unit_tally FOR SELECT TO tracker_clerk USING (tracker_mine(unit_key));
CREATE POLICY her_unit ON tally_log FOR SELECT TO tracker_clerk USING (tracker_mine(unit_key));
