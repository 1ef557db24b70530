-- Who may do what, enforced by the database (GRANTs + row-level security), whatever program connects.
--   tracker_clerk        a commune's or a sở's clerk: reads what concerns her unit (its assignments, their
--                        tasks, directives and history) and records status on her unit's assignments only.
--                        Her login's unit is a row of tracker_users (login → unit key).
--   tracker_coordinator  loads directives, links, reads everything in the province (the database).
--   tracker_chair        reads everything.
-- A login is made a member of one of them:  CREATE ROLE lan LOGIN PASSWORD '…' IN ROLE tracker_clerk;
--   INSERT INTO tracker_users VALUES ('lan', '2025:p33.c12345');   (see README)
-- The owner of the tables (who created them) is not bound by the policies: copies and repairs.

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tracker_clerk') THEN CREATE ROLE tracker_clerk NOLOGIN; END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tracker_coordinator') THEN CREATE ROLE tracker_coordinator NOLOGIN; END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tracker_chair') THEN CREATE ROLE tracker_chair NOLOGIN; END IF;
END $$;

GRANT SELECT ON tracker_meta, units, directives, tasks, task_links, assignments, events, tracker_users
    TO tracker_clerk, tracker_coordinator, tracker_chair;
GRANT UPDATE (flags, status, status_on, done_on, event_on, report_on, changed_on, child, due, ver, changed_by, doc)
    ON assignments TO tracker_clerk;
GRANT INSERT ON events TO tracker_clerk;
GRANT USAGE ON SEQUENCE event_ids TO tracker_clerk;
GRANT INSERT, UPDATE, DELETE ON units, directives, tasks, task_links, assignments TO tracker_coordinator;
GRANT INSERT ON events TO tracker_coordinator;  -- history is append-only for everyone
GRANT USAGE, SELECT, UPDATE ON SEQUENCE directive_ids, task_ids, assignment_ids, event_ids TO tracker_coordinator;

-- A clerk's unit and the units under it (a sở's sub-units; a district's communes in 2022 ids).
CREATE OR REPLACE FUNCTION tracker_mine(k text) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM tracker_users u WHERE u.login = current_user
                   AND (k = u.unit_key OR starts_with(k, u.unit_key || '.') OR starts_with(k, u.unit_key || '/')
                        OR starts_with(k, u.unit_key || '#')))
$$;

ALTER TABLE tracker_users ENABLE ROW LEVEL SECURITY;
ALTER TABLE directives ENABLE ROW LEVEL SECURITY;
ALTER TABLE tasks ENABLE ROW LEVEL SECURITY;
ALTER TABLE task_links ENABLE ROW LEVEL SECURITY;
ALTER TABLE assignments ENABLE ROW LEVEL SECURITY;
ALTER TABLE events ENABLE ROW LEVEL SECURITY;

-- Coordinators and chairs see every row; coordinators change them (events: add only, by the grants).
CREATE POLICY province_read ON tracker_users FOR SELECT TO tracker_coordinator, tracker_chair USING (true);
CREATE POLICY province_read ON directives FOR SELECT TO tracker_coordinator, tracker_chair USING (true);
CREATE POLICY province_read ON tasks FOR SELECT TO tracker_coordinator, tracker_chair USING (true);
CREATE POLICY province_read ON task_links FOR SELECT TO tracker_coordinator, tracker_chair USING (true);
CREATE POLICY province_read ON assignments FOR SELECT TO tracker_coordinator, tracker_chair USING (true);
CREATE POLICY province_read ON events FOR SELECT TO tracker_coordinator, tracker_chair USING (true);
CREATE POLICY coordinate ON directives FOR ALL TO tracker_coordinator USING (true) WITH CHECK (true);
CREATE POLICY coordinate ON tasks FOR ALL TO tracker_coordinator USING (true) WITH CHECK (true);
CREATE POLICY coordinate ON task_links FOR ALL TO tracker_coordinator USING (true) WITH CHECK (true);
CREATE POLICY coordinate ON assignments FOR ALL TO tracker_coordinator USING (true) WITH CHECK (true);
CREATE POLICY coordinate ON events FOR INSERT TO tracker_coordinator WITH CHECK (true);

-- A clerk: her own login row; her unit's assignments; what they belong to; their history.
CREATE POLICY own_login ON tracker_users FOR SELECT TO tracker_clerk USING (login = current_user);
CREATE POLICY her_unit ON assignments FOR SELECT TO tracker_clerk USING (tracker_mine(unit_key));
CREATE POLICY her_status ON assignments FOR UPDATE TO tracker_clerk
    USING (tracker_mine(unit_key)) WITH CHECK (tracker_mine(unit_key));
CREATE POLICY her_directives ON directives FOR SELECT TO tracker_clerk
    USING (EXISTS (SELECT 1 FROM assignments a WHERE a.directive_id = directives.id));
CREATE POLICY her_tasks ON tasks FOR SELECT TO tracker_clerk
    USING (EXISTS (SELECT 1 FROM assignments a WHERE a.task_id = tasks.id));
CREATE POLICY her_links ON task_links FOR SELECT TO tracker_clerk
    USING (EXISTS (SELECT 1 FROM tasks t WHERE t.id = task_links.task_id));
CREATE POLICY her_history ON events FOR SELECT TO tracker_clerk
    USING (EXISTS (SELECT 1 FROM assignments a WHERE a.id = events.assignment_id));
CREATE POLICY her_entries ON events FOR INSERT TO tracker_clerk
    WITH CHECK (EXISTS (SELECT 1 FROM assignments a WHERE a.id = events.assignment_id));

-- Every change carries its user: an entry's `by` is the session's login (only the owner, copying a
-- store with its history, keeps the names it is given), and an assignment row remembers who changed it.
-- A clerk's change cannot move the record to another unit, task or directive through its JSON either.
CREATE OR REPLACE FUNCTION tracker_entry_by() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(current_setting('tracker.copy', true), '') = 'on' THEN
        IF current_user = (SELECT tableowner FROM pg_tables WHERE schemaname = TG_TABLE_SCHEMA AND tablename = TG_TABLE_NAME) THEN
            RETURN NEW;
        END IF;
    END IF;
    IF NEW."by" IS DISTINCT FROM current_user::text OR NEW.doc->>'by' IS DISTINCT FROM current_user::text THEN
        NEW."by" := current_user;
        NEW.doc := jsonb_set(NEW.doc, '{by}', to_jsonb(current_user::text));
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER entry_by BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION tracker_entry_by();

CREATE OR REPLACE FUNCTION tracker_assignment_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.changed_by := current_user;
    IF pg_has_role(current_user, 'tracker_clerk', 'MEMBER')
       AND NOT pg_has_role(current_user, 'tracker_coordinator', 'MEMBER') THEN
        NEW.doc := NEW.doc || jsonb_build_object('unit', OLD.doc->'unit', 'task', OLD.doc->'task',
                                                 'directive', OLD.doc->'directive', 'role', OLD.doc->'role');
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER assignment_change BEFORE UPDATE ON assignments FOR EACH ROW EXECUTE FUNCTION tracker_assignment_change();
