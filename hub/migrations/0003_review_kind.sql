-- kynangso hub schema, version 3: attempts of two kinds, as a laptop's
-- schema version 7 keeps them (results/migrations/0007_review_kind.sql):
-- 'quiz' for a module's quiz (every attempt already on the hub) and
-- 'review' for one missed question asked again. kind is the last column of
-- the laptop's attempts, so it is the last of the canonical JSON and of the
-- merge rule's columns: a laptop with reviews syncs to the fingerprint a
-- USB merge of the same laptops gives.
ALTER TABLE kynangso.attempts ADD COLUMN kind text COLLATE "C" NOT NULL DEFAULT 'quiz'
    CHECK (kind IN ('quiz', 'review'));

UPDATE kynangso.merge_rules SET cols = cols || '{kind}'::text[] WHERE tbl = 'attempts';

-- One attempt in progress per person, module and laptop counts quizzes
-- only: the questions of a review round are in progress together (the
-- file merge's rule, results/merge_rules.go).
CREATE OR REPLACE FUNCTION kynangso.close_extra_open(tbl text) RETURNS bigint
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    n bigint;
BEGIN
    IF tbl = 'class_sessions' THEN
        WITH open AS (
            SELECT c.id, c.device_id, c.opened_at FROM kynangso.class_sessions AS c
            WHERE c.closed_at IS NULL AND c.device_id IN (SELECT device_id FROM pg_temp.s_class_sessions)
        ), newest AS (
            SELECT DISTINCT ON (device_id) device_id, opened_at, id FROM open ORDER BY device_id, opened_at DESC, id DESC
        )
        UPDATE kynangso.class_sessions AS c SET closed_at = w.opened_at, xid = pg_current_xact_id()
        FROM open AS o JOIN newest AS w ON w.device_id = o.device_id AND w.id <> o.id
        WHERE c.id = o.id;
    ELSE
        WITH open AS (
            SELECT a.id, a.participant_id, a.module_id, a.device_id, a.started_at FROM kynangso.attempts AS a
            WHERE a.state = 'in_progress' AND a.participant_id IS NOT NULL AND a.kind = 'quiz'
              AND (a.participant_id, a.module_id, a.device_id) IN (SELECT participant_id, module_id, device_id FROM pg_temp.s_attempts)
        ), newest AS (
            SELECT DISTINCT ON (participant_id, module_id, device_id) participant_id, module_id, device_id, started_at, id
            FROM open ORDER BY participant_id, module_id, device_id, started_at DESC, id DESC
        )
        UPDATE kynangso.attempts AS a SET state = 'abandoned', finished_at = w.started_at, xid = pg_current_xact_id()
        FROM open AS o JOIN newest AS w ON (w.participant_id, w.module_id, w.device_id) = (o.participant_id, o.module_id, o.device_id)
            AND w.id <> o.id
        WHERE a.id = o.id;
    END IF;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END $$;

-- A hub whose summaries count attempts through the view sum_attempts (the
-- report-speed migration of another branch) keeps reviews out of them
-- here, whichever of the two migrations runs first: the view, if it is
-- there, becomes the quiz attempts.
DO $$ BEGIN
    IF to_regclass('kynangso.sum_attempts') IS NOT NULL THEN
        CREATE OR REPLACE VIEW kynangso.sum_attempts AS SELECT * FROM kynangso.attempts WHERE kind = 'quiz';
    END IF;
END $$;
