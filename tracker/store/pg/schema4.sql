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
