-- Schema 4: a load writes its new assignments in one statement, and the maintained counts (tallies.sql) take
-- them in one log row per unit, directive and state, not one trigger call and log row per assignment
-- (a statement-level trigger reading the statement's rows). Run on a new database after schema3.sql, and on
-- the owner's open of an older one (tracker/store/pg/core.py _upgrade); every statement may run again.
-- A status change updates one row: the row-level update trigger of tallies.sql stays.
CREATE OR REPLACE FUNCTION tracker_tally_rows() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO tally_log SELECT unit_key, directive_id, tracker_state(status, done_on, due), count(*)::integer
        FROM new_rows WHERE flags & 1 = 0 GROUP BY 1, 2, 3;
    ELSE
        INSERT INTO tally_log SELECT unit_key, directive_id, tracker_state(status, done_on, due), -count(*)::integer
        FROM old_rows WHERE flags & 1 = 0 GROUP BY 1, 2, 3;
    END IF;
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS tally_insert ON assignments;
DROP TRIGGER IF EXISTS tally_delete ON assignments;
CREATE TRIGGER tally_insert AFTER INSERT ON assignments REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tracker_tally_rows();
CREATE TRIGGER tally_delete AFTER DELETE ON assignments REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tracker_tally_rows();

-- A past day's boards kept (tracker/store/pg/counts.py): a day long past is replayed from the entries of every
-- row changed since (~1 s at 450,000 assignments); its answer is kept with the oldest transaction its counting
-- could have missed (`made`), and answers again while no write since could change that day. Every write that
-- can logs the first day it changes (past_log.day, as the entries' ISO text; '' = every day) with its
-- transaction: an entry from its day on (a replay reads the entries up to the day), a load, a link or a unit
-- from the first day on. A status change adds one small row; the log is cut when an answer is kept.
-- (One row per transaction and day: a copy writing a million entries logs each of their days once.)
CREATE TABLE IF NOT EXISTS past_log (day text NOT NULL, xid xid8 NOT NULL DEFAULT pg_current_xact_id(), PRIMARY KEY (day, xid));
CREATE TABLE IF NOT EXISTS past_counts (key text PRIMARY KEY, day text NOT NULL, made xid8 NOT NULL, counts jsonb NOT NULL);

-- (An entry's is a row trigger: in a status change's new session it costs ~0.3 ms, a statement trigger with its
-- table of new rows ~0.6.)
CREATE OR REPLACE FUNCTION tracker_past_entry() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO past_log (day) VALUES (coalesce(NEW.on_day, '')) ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION tracker_past_all() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO past_log (day) VALUES ('') ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS past_entries ON events;
CREATE TRIGGER past_entries AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION tracker_past_entry();
DROP TRIGGER IF EXISTS past_entries_changed ON events;
CREATE TRIGGER past_entries_changed AFTER UPDATE OR DELETE OR TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION tracker_past_all();
DROP TRIGGER IF EXISTS past_rows ON assignments;
CREATE TRIGGER past_rows AFTER INSERT OR DELETE OR TRUNCATE ON assignments
    FOR EACH STATEMENT EXECUTE FUNCTION tracker_past_all();
-- A status change updates its row with its entry (logged above): only what no entry explains is logged here.
DROP TRIGGER IF EXISTS past_row_moved ON assignments;
CREATE TRIGGER past_row_moved AFTER UPDATE ON assignments FOR EACH ROW
    WHEN ((OLD.directive_id, OLD.task_id, OLD.unit_key, OLD.flags, OLD.child)
          IS DISTINCT FROM (NEW.directive_id, NEW.task_id, NEW.unit_key, NEW.flags, NEW.child))
    EXECUTE FUNCTION tracker_past_all();
DROP TRIGGER IF EXISTS past_tasks ON tasks;
CREATE TRIGGER past_tasks AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tasks
    FOR EACH STATEMENT EXECUTE FUNCTION tracker_past_all();
DROP TRIGGER IF EXISTS past_directives ON directives;
CREATE TRIGGER past_directives AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON directives
    FOR EACH STATEMENT EXECUTE FUNCTION tracker_past_all();
DROP TRIGGER IF EXISTS past_units ON units;
CREATE TRIGGER past_units AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON units
    FOR EACH STATEMENT EXECUTE FUNCTION tracker_past_all();

-- Keep an answer (those who read the whole province: their answers are the same), drop the answers a write
-- has made stale and the log no kept answer needs.
CREATE OR REPLACE FUNCTION tracker_keep_past(k text, d text, m xid8, c jsonb) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO past_counts VALUES (k, d, m, c)
        ON CONFLICT (key) DO UPDATE SET day = EXCLUDED.day, made = EXCLUDED.made, counts = EXCLUDED.counts;
    DELETE FROM past_counts p WHERE EXISTS (SELECT 1 FROM past_log l WHERE l.day <= p.day AND l.xid >= p.made);
    DELETE FROM past_log WHERE xid < least(m, (SELECT min(made) FROM past_counts));
END $$;
REVOKE ALL ON FUNCTION tracker_keep_past(text, text, xid8, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tracker_keep_past(text, text, xid8, jsonb) TO tracker_coordinator, tracker_chair;
GRANT SELECT ON past_counts, past_log TO tracker_coordinator, tracker_chair;
