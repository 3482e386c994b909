-- kynangso results schema, version 5: one summary row per person record,
-- so the province-wide summaries (coverage, follow-up, who came) read one
-- narrow row per person instead of joining person_module, attendance and
-- participants (docs/reports.md, "Speed").

-- person_summary holds, for every participants row, the fields the
-- summaries group by and what the person did. Invariant, kept by the
-- triggers below whatever order rows arrive in (a merge inserts and
-- updates with plain SQL and may insert a person after their attempts):
--   village, household, gender = the participants row's
--   anon     = anonymous = 1 OR deleted_at IS NOT NULL
--   modules  = the module ids of the record's person_module rows (lesson
--              read or quiz tried), comma-separated in id order, '' if none
--   passed   = the same for the rows with passes > 0
--   attended = 1 if the record has any attendance row, else 0
--   last_at  = latest of person_module.last_at, person_module.read_at and
--              attendance.checked_in_at; NULL with no activity at all
-- Joined records (participant_links) are not folded in: a report maps each
-- record to its person as it reads, as with person_module. Like item_tally
-- it belongs to this laptop: merges and backups never copy it.
CREATE TABLE person_summary (
    participant_id TEXT NOT NULL PRIMARY KEY,
    village        TEXT NOT NULL,
    household      TEXT NOT NULL,
    gender         TEXT NOT NULL,
    anon           INTEGER NOT NULL,
    modules        TEXT NOT NULL DEFAULT '',
    passed         TEXT NOT NULL DEFAULT '',
    attended       INTEGER NOT NULL DEFAULT 0,
    last_at        TEXT
) WITHOUT ROWID;

INSERT INTO person_summary (participant_id, village, household, gender, anon, modules, passed, attended, last_at)
SELECT p.id, p.village, p.household, p.gender, p.anonymous = 1 OR p.deleted_at IS NOT NULL,
    COALESCE((SELECT group_concat(module_id, ',') FROM (SELECT module_id FROM person_module
            WHERE participant_id = p.id ORDER BY module_id)), ''),
    COALESCE((SELECT group_concat(module_id, ',') FROM (SELECT module_id FROM person_module
            WHERE participant_id = p.id AND passes > 0 ORDER BY module_id)), ''),
    EXISTS (SELECT 1 FROM attendance WHERE participant_id = p.id),
    NULLIF(max(COALESCE((SELECT max(max(COALESCE(last_at, ''), COALESCE(read_at, ''))) FROM person_module WHERE participant_id = p.id), ''),
        COALESCE((SELECT max(checked_in_at) FROM attendance WHERE participant_id = p.id), '')), '')
FROM participants AS p;

-- The summaries read the people with any activity grouped by place and by
-- what they did; walking these covering indexes groups them without
-- sorting or reading the table: by village (coverage, who came), and by
-- village and household (households reached, households to visit).
CREATE INDEX person_summary_village ON person_summary (village, gender, anon, attended, modules, passed);
CREATE INDEX person_summary_household ON person_summary (village, household, anon, attended, modules, passed);

CREATE TRIGGER person_summary_participant_insert AFTER INSERT ON participants
BEGIN
    INSERT INTO person_summary (participant_id, village, household, gender, anon, modules, passed, attended, last_at)
    VALUES (NEW.id, NEW.village, NEW.household, NEW.gender, NEW.anonymous = 1 OR NEW.deleted_at IS NOT NULL,
        COALESCE((SELECT group_concat(module_id, ',') FROM (SELECT module_id FROM person_module
            WHERE participant_id = NEW.id ORDER BY module_id)), ''),
        COALESCE((SELECT group_concat(module_id, ',') FROM (SELECT module_id FROM person_module
            WHERE participant_id = NEW.id AND passes > 0 ORDER BY module_id)), ''),
        EXISTS (SELECT 1 FROM attendance WHERE participant_id = NEW.id),
        NULLIF(max(COALESCE((SELECT max(max(COALESCE(last_at, ''), COALESCE(read_at, ''))) FROM person_module WHERE participant_id = NEW.id), ''),
        COALESCE((SELECT max(checked_in_at) FROM attendance WHERE participant_id = NEW.id), '')), ''))
    ON CONFLICT (participant_id) DO UPDATE SET village = excluded.village, household = excluded.household,
        gender = excluded.gender, anon = excluded.anon, modules = excluded.modules, passed = excluded.passed,
        attended = excluded.attended, last_at = excluded.last_at;
END;

CREATE TRIGGER person_summary_participant_update
AFTER UPDATE OF id, village, household, gender, anonymous, deleted_at ON participants
WHEN OLD.id IS NOT NEW.id OR OLD.village IS NOT NEW.village OR OLD.household IS NOT NEW.household
  OR OLD.gender IS NOT NEW.gender OR OLD.anonymous IS NOT NEW.anonymous
  OR OLD.deleted_at IS NOT NEW.deleted_at
BEGIN
    DELETE FROM person_summary WHERE participant_id = OLD.id AND OLD.id IS NOT NEW.id;
    INSERT INTO person_summary (participant_id, village, household, gender, anon, modules, passed, attended, last_at)
    VALUES (NEW.id, NEW.village, NEW.household, NEW.gender, NEW.anonymous = 1 OR NEW.deleted_at IS NOT NULL,
        COALESCE((SELECT group_concat(module_id, ',') FROM (SELECT module_id FROM person_module
            WHERE participant_id = NEW.id ORDER BY module_id)), ''),
        COALESCE((SELECT group_concat(module_id, ',') FROM (SELECT module_id FROM person_module
            WHERE participant_id = NEW.id AND passes > 0 ORDER BY module_id)), ''),
        EXISTS (SELECT 1 FROM attendance WHERE participant_id = NEW.id),
        NULLIF(max(COALESCE((SELECT max(max(COALESCE(last_at, ''), COALESCE(read_at, ''))) FROM person_module WHERE participant_id = NEW.id), ''),
        COALESCE((SELECT max(checked_in_at) FROM attendance WHERE participant_id = NEW.id), '')), ''))
    ON CONFLICT (participant_id) DO UPDATE SET village = excluded.village, household = excluded.household,
        gender = excluded.gender, anon = excluded.anon, modules = excluded.modules, passed = excluded.passed,
        attended = excluded.attended, last_at = excluded.last_at;
END;

CREATE TRIGGER person_summary_participant_delete AFTER DELETE ON participants
BEGIN
    DELETE FROM person_summary WHERE participant_id = OLD.id;
END;

-- person_module changes (made by its own triggers on attempts and lesson
-- reading) recount the record's modules and latest activity.
CREATE TRIGGER person_summary_module_insert AFTER INSERT ON person_module
BEGIN
    UPDATE person_summary SET modules = COALESCE((SELECT group_concat(module_id, ',') FROM (SELECT module_id FROM person_module
            WHERE participant_id = NEW.participant_id ORDER BY module_id)), ''),
        passed = COALESCE((SELECT group_concat(module_id, ',') FROM (SELECT module_id FROM person_module
            WHERE participant_id = NEW.participant_id AND passes > 0 ORDER BY module_id)), ''),
        last_at = NULLIF(max(COALESCE((SELECT max(max(COALESCE(last_at, ''), COALESCE(read_at, ''))) FROM person_module WHERE participant_id = NEW.participant_id), ''),
        COALESCE((SELECT max(checked_in_at) FROM attendance WHERE participant_id = NEW.participant_id), '')), '')
    WHERE participant_id = NEW.participant_id;
END;

CREATE TRIGGER person_summary_module_update AFTER UPDATE ON person_module
BEGIN
    UPDATE person_summary SET modules = COALESCE((SELECT group_concat(module_id, ',') FROM (SELECT module_id FROM person_module
            WHERE participant_id = OLD.participant_id ORDER BY module_id)), ''),
        passed = COALESCE((SELECT group_concat(module_id, ',') FROM (SELECT module_id FROM person_module
            WHERE participant_id = OLD.participant_id AND passes > 0 ORDER BY module_id)), ''),
        last_at = NULLIF(max(COALESCE((SELECT max(max(COALESCE(last_at, ''), COALESCE(read_at, ''))) FROM person_module WHERE participant_id = OLD.participant_id), ''),
        COALESCE((SELECT max(checked_in_at) FROM attendance WHERE participant_id = OLD.participant_id), '')), '')
    WHERE participant_id = OLD.participant_id;
    UPDATE person_summary SET modules = COALESCE((SELECT group_concat(module_id, ',') FROM (SELECT module_id FROM person_module
            WHERE participant_id = NEW.participant_id ORDER BY module_id)), ''),
        passed = COALESCE((SELECT group_concat(module_id, ',') FROM (SELECT module_id FROM person_module
            WHERE participant_id = NEW.participant_id AND passes > 0 ORDER BY module_id)), ''),
        last_at = NULLIF(max(COALESCE((SELECT max(max(COALESCE(last_at, ''), COALESCE(read_at, ''))) FROM person_module WHERE participant_id = NEW.participant_id), ''),
        COALESCE((SELECT max(checked_in_at) FROM attendance WHERE participant_id = NEW.participant_id), '')), '')
    WHERE participant_id = NEW.participant_id;
END;

CREATE TRIGGER person_summary_module_delete AFTER DELETE ON person_module
BEGIN
    UPDATE person_summary SET modules = COALESCE((SELECT group_concat(module_id, ',') FROM (SELECT module_id FROM person_module
            WHERE participant_id = OLD.participant_id ORDER BY module_id)), ''),
        passed = COALESCE((SELECT group_concat(module_id, ',') FROM (SELECT module_id FROM person_module
            WHERE participant_id = OLD.participant_id AND passes > 0 ORDER BY module_id)), ''),
        last_at = NULLIF(max(COALESCE((SELECT max(max(COALESCE(last_at, ''), COALESCE(read_at, ''))) FROM person_module WHERE participant_id = OLD.participant_id), ''),
        COALESCE((SELECT max(checked_in_at) FROM attendance WHERE participant_id = OLD.participant_id), '')), '')
    WHERE participant_id = OLD.participant_id;
END;

-- A check-in only adds; a removed or moved one looks again.
CREATE TRIGGER person_summary_attendance_insert AFTER INSERT ON attendance
BEGIN
    UPDATE person_summary SET attended = 1,
        last_at = CASE WHEN last_at IS NULL OR NEW.checked_in_at > last_at THEN NEW.checked_in_at ELSE last_at END
    WHERE participant_id = NEW.participant_id;
END;

CREATE TRIGGER person_summary_attendance_delete AFTER DELETE ON attendance
BEGIN
    UPDATE person_summary SET attended = EXISTS (SELECT 1 FROM attendance WHERE participant_id = OLD.participant_id),
        last_at = NULLIF(max(COALESCE((SELECT max(max(COALESCE(last_at, ''), COALESCE(read_at, ''))) FROM person_module WHERE participant_id = OLD.participant_id), ''),
        COALESCE((SELECT max(checked_in_at) FROM attendance WHERE participant_id = OLD.participant_id), '')), '')
    WHERE participant_id = OLD.participant_id;
END;

CREATE TRIGGER person_summary_attendance_update AFTER UPDATE OF participant_id, checked_in_at ON attendance
WHEN OLD.participant_id IS NOT NEW.participant_id OR OLD.checked_in_at IS NOT NEW.checked_in_at
BEGIN
    UPDATE person_summary SET attended = EXISTS (SELECT 1 FROM attendance WHERE participant_id = OLD.participant_id),
        last_at = NULLIF(max(COALESCE((SELECT max(max(COALESCE(last_at, ''), COALESCE(read_at, ''))) FROM person_module WHERE participant_id = OLD.participant_id), ''),
        COALESCE((SELECT max(checked_in_at) FROM attendance WHERE participant_id = OLD.participant_id), '')), '')
    WHERE participant_id = OLD.participant_id;
    UPDATE person_summary SET attended = EXISTS (SELECT 1 FROM attendance WHERE participant_id = NEW.participant_id),
        last_at = NULLIF(max(COALESCE((SELECT max(max(COALESCE(last_at, ''), COALESCE(read_at, ''))) FROM person_module WHERE participant_id = NEW.participant_id), ''),
        COALESCE((SELECT max(checked_in_at) FROM attendance WHERE participant_id = NEW.participant_id), '')), '')
    WHERE participant_id = NEW.participant_id;
END;

-- answers_question (0002) served the unfiltered item analysis before
-- item_tally (0003); nothing reads answers by question any more, and it
-- cost every answer recorded or merged one more index entry (about 2.5 s
-- of a 20-laptop merge).
DROP INDEX answers_question;
