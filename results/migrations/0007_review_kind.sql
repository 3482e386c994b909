-- kynangso results schema, version 7: attempts of two kinds, so a review of
-- the questions a person missed ("mưa dầm thấm lâu", docs/curriculum.md)
-- is stored like any answer and yet never counts as a quiz.
--
-- kind is 'quiz' for a module's quiz (every attempt made before this
-- version) and 'review' for one question asked again after a miss. A
-- review is never a quiz attempt, a pass, a best score, a module tried or
-- an answer of the item analysis: the summaries below (item_tally,
-- person_module and, through it, person_summary) count quiz attempts only,
-- and so does every report query (results/report*.go add a.kind = 'quiz').
-- The review queue itself is derived from the stored answers
-- (results/review.go), so it needs no table of its own and survives any
-- restart, backup or merge.
ALTER TABLE attempts ADD COLUMN kind TEXT NOT NULL DEFAULT 'quiz' CHECK (kind IN ('quiz', 'review'));

-- Resume finds one quiz in progress per person, module and laptop; the
-- questions of a review round are attempts of their own (one question
-- each) and may be in progress together.
DROP INDEX attempts_one_in_progress;
CREATE UNIQUE INDEX attempts_one_in_progress
    ON attempts (participant_id, module_id, device_id)
    WHERE state = 'in_progress' AND participant_id IS NOT NULL AND kind = 'quiz';

-- The covering indexes of migration 0003 carry kind too, so the summaries
-- that keep to quiz attempts still read only the narrow index.
DROP INDEX attempts_report;
CREATE INDEX attempts_report ON attempts (module_id, participant_id, state, passed,
    score, max_score, started_at, finished_at, session_id, kind);
DROP INDEX attempts_person;
CREATE INDEX attempts_person ON attempts (participant_id, module_id, passed, state,
    score, max_score, started_at, finished_at, session_id, kind);
DROP INDEX attempts_class;
CREATE INDEX attempts_class ON attempts (session_id, participant_id, module_id, passed, kind);

-- item_tally (0003), now over quiz attempts only:
--   item_tally = SELECT a.module_id, n.question_id, n.correct, n.chosen, count(*)
--                FROM answers AS n JOIN attempts AS a ON a.id = n.attempt_id
--                WHERE a.kind = 'quiz' GROUP BY 1, 2, 3, 4
-- No review exists before this version, so the table is already exact.
DROP TRIGGER item_tally_answer_insert;
CREATE TRIGGER item_tally_answer_insert AFTER INSERT ON answers
BEGIN
    INSERT INTO item_tally (module_id, question_id, correct, chosen, n)
    SELECT a.module_id, NEW.question_id, NEW.correct, NEW.chosen, 1
    FROM attempts AS a WHERE a.id = NEW.attempt_id AND a.kind = 'quiz'
    ON CONFLICT (module_id, question_id, correct, chosen) DO UPDATE SET n = n + 1;
END;

DROP TRIGGER item_tally_answer_delete;
CREATE TRIGGER item_tally_answer_delete AFTER DELETE ON answers
BEGIN
    UPDATE item_tally SET n = n - 1
    WHERE module_id = (SELECT module_id FROM attempts WHERE id = OLD.attempt_id AND kind = 'quiz')
      AND question_id = OLD.question_id AND correct = OLD.correct AND chosen = OLD.chosen;
    DELETE FROM item_tally
    WHERE module_id = (SELECT module_id FROM attempts WHERE id = OLD.attempt_id AND kind = 'quiz')
      AND question_id = OLD.question_id AND correct = OLD.correct AND chosen = OLD.chosen
      AND n <= 0;
END;

DROP TRIGGER item_tally_answer_update;
CREATE TRIGGER item_tally_answer_update
AFTER UPDATE OF attempt_id, question_id, correct, chosen ON answers
WHEN OLD.attempt_id IS NOT NEW.attempt_id OR OLD.question_id IS NOT NEW.question_id
  OR OLD.correct IS NOT NEW.correct OR OLD.chosen IS NOT NEW.chosen
BEGIN
    UPDATE item_tally SET n = n - 1
    WHERE module_id = (SELECT module_id FROM attempts WHERE id = OLD.attempt_id AND kind = 'quiz')
      AND question_id = OLD.question_id AND correct = OLD.correct AND chosen = OLD.chosen;
    DELETE FROM item_tally
    WHERE module_id = (SELECT module_id FROM attempts WHERE id = OLD.attempt_id AND kind = 'quiz')
      AND question_id = OLD.question_id AND correct = OLD.correct AND chosen = OLD.chosen
      AND n <= 0;
    INSERT INTO item_tally (module_id, question_id, correct, chosen, n)
    SELECT a.module_id, NEW.question_id, NEW.correct, NEW.chosen, 1
    FROM attempts AS a WHERE a.id = NEW.attempt_id AND a.kind = 'quiz'
    ON CONFLICT (module_id, question_id, correct, chosen) DO UPDATE SET n = n + 1;
END;

DROP TRIGGER item_tally_attempt_insert;
CREATE TRIGGER item_tally_attempt_insert AFTER INSERT ON attempts
WHEN NEW.kind = 'quiz'
BEGIN
    INSERT INTO item_tally (module_id, question_id, correct, chosen, n)
    SELECT NEW.module_id, n.question_id, n.correct, n.chosen, count(*)
    FROM answers AS n WHERE n.attempt_id = NEW.id GROUP BY 1, 2, 3, 4
    ON CONFLICT (module_id, question_id, correct, chosen) DO UPDATE SET n = n + excluded.n;
END;

DROP TRIGGER item_tally_attempt_delete;
CREATE TRIGGER item_tally_attempt_delete AFTER DELETE ON attempts
WHEN OLD.kind = 'quiz'
BEGIN
    UPDATE item_tally SET n = n - (SELECT count(*) FROM answers AS x WHERE x.attempt_id = OLD.id
        AND x.question_id = item_tally.question_id AND x.correct = item_tally.correct
        AND x.chosen = item_tally.chosen)
    WHERE module_id = OLD.module_id;
    DELETE FROM item_tally WHERE module_id = OLD.module_id AND n <= 0;
END;

-- An attempt that changes module, id or kind takes its answers out of the
-- old key (if it counted) and into the new one (if it counts).
DROP TRIGGER item_tally_attempt_module;
CREATE TRIGGER item_tally_attempt_module AFTER UPDATE OF id, module_id, kind ON attempts
WHEN OLD.module_id IS NOT NEW.module_id OR OLD.id IS NOT NEW.id OR OLD.kind IS NOT NEW.kind
BEGIN
    UPDATE item_tally SET n = n - (SELECT count(*) FROM answers AS x WHERE x.attempt_id = OLD.id
        AND x.question_id = item_tally.question_id AND x.correct = item_tally.correct
        AND x.chosen = item_tally.chosen)
    WHERE module_id = OLD.module_id AND OLD.kind = 'quiz';
    DELETE FROM item_tally WHERE module_id = OLD.module_id AND n <= 0;
    INSERT INTO item_tally (module_id, question_id, correct, chosen, n)
    SELECT NEW.module_id, n.question_id, n.correct, n.chosen, count(*)
    FROM answers AS n WHERE n.attempt_id = NEW.id AND NEW.kind = 'quiz' GROUP BY 1, 2, 3, 4
    ON CONFLICT (module_id, question_id, correct, chosen) DO UPDATE SET n = n + excluded.n;
END;

-- person_module (0004), now over quiz attempts only: its invariant reads
-- "over attempts WHERE kind = 'quiz' AND COALESCE(participant_id, '') =
-- participant_id AND module_id = module_id". person_summary (0005) is kept
-- from person_module and attendance, never from attempts, so a review
-- changes neither the modules a person tried nor passed.
DROP TRIGGER person_module_attempt_insert;
CREATE TRIGGER person_module_attempt_insert AFTER INSERT ON attempts
WHEN NEW.kind = 'quiz'
BEGIN
    INSERT INTO person_module (participant_id, module_id, attempts, finished, passes, best_pct, last_at,
        passed_at, last_fin_at, last_fin_id, last_pct)
    SELECT COALESCE(NEW.participant_id, ''), NEW.module_id, 1, NEW.state = 'finished', NEW.passed,
        CASE WHEN NEW.state = 'finished' AND NEW.max_score > 0 THEN NEW.score * 100.0 / NEW.max_score END,
        COALESCE(NEW.finished_at, NEW.started_at), CASE WHEN NEW.passed = 1 THEN NEW.finished_at END,
        f.at, f.id, f.pct
    FROM (SELECT NULL AS at, NULL AS id, NULL AS pct WHERE NEW.state <> 'finished'
        UNION ALL SELECT NEW.finished_at, NEW.id,
            CASE WHEN NEW.max_score > 0 THEN NEW.score * 100.0 / NEW.max_score END
        WHERE NEW.state = 'finished') AS f WHERE true
    ON CONFLICT (participant_id, module_id) DO UPDATE SET attempts = attempts + 1,
        passed_at = CASE WHEN passed_at IS NULL OR excluded.passed_at < passed_at
            THEN excluded.passed_at ELSE passed_at END,
        last_pct = CASE WHEN excluded.last_fin_id IS NOT NULL AND (last_fin_id IS NULL
            OR excluded.last_fin_at > last_fin_at OR excluded.last_fin_at IS last_fin_at AND excluded.last_fin_id > last_fin_id)
            THEN excluded.last_pct ELSE last_pct END,
        last_fin_at = CASE WHEN excluded.last_fin_id IS NOT NULL AND (last_fin_id IS NULL
            OR excluded.last_fin_at > last_fin_at OR excluded.last_fin_at IS last_fin_at AND excluded.last_fin_id > last_fin_id)
            THEN excluded.last_fin_at ELSE last_fin_at END,
        last_fin_id = CASE WHEN excluded.last_fin_id IS NOT NULL AND (last_fin_id IS NULL
            OR excluded.last_fin_at > last_fin_at OR excluded.last_fin_at IS last_fin_at AND excluded.last_fin_id > last_fin_id)
            THEN excluded.last_fin_id ELSE last_fin_id END,
        finished = finished + excluded.finished, passes = passes + excluded.passes,
        best_pct = CASE WHEN best_pct IS NULL OR excluded.best_pct > best_pct
            THEN excluded.best_pct ELSE best_pct END,
        last_at = CASE WHEN last_at IS NULL OR excluded.last_at > last_at
            THEN excluded.last_at ELSE last_at END;
END;

DROP TRIGGER person_module_attempt_delete;
CREATE TRIGGER person_module_attempt_delete AFTER DELETE ON attempts
WHEN OLD.kind = 'quiz'
BEGIN
    INSERT INTO person_module (participant_id, module_id, attempts, finished, passes, best_pct, last_at,
        passed_at, last_fin_at, last_fin_id, last_pct)
    SELECT COALESCE(OLD.participant_id, ''), OLD.module_id, count(*), COALESCE(sum(a.state = 'finished'), 0),
        COALESCE(sum(a.passed), 0),
        max(CASE WHEN a.state = 'finished' AND a.max_score > 0 THEN a.score * 100.0 / a.max_score END),
        max(COALESCE(a.finished_at, a.started_at)), min(CASE WHEN a.passed = 1 THEN a.finished_at END),
        l.finished_at, l.id, CASE WHEN l.max_score > 0 THEN l.score * 100.0 / l.max_score END
    FROM attempts AS a LEFT JOIN (SELECT x.id, x.finished_at, x.score, x.max_score FROM attempts AS x
        WHERE x.participant_id IS OLD.participant_id AND x.module_id = OLD.module_id AND x.state = 'finished'
          AND x.kind = 'quiz'
        ORDER BY x.finished_at DESC, x.id DESC LIMIT 1) AS l ON true
    WHERE a.participant_id IS OLD.participant_id AND a.module_id = OLD.module_id AND a.kind = 'quiz'
    ON CONFLICT (participant_id, module_id) DO UPDATE SET attempts = excluded.attempts,
        finished = excluded.finished, passes = excluded.passes, best_pct = excluded.best_pct,
        last_at = excluded.last_at, passed_at = excluded.passed_at, last_fin_at = excluded.last_fin_at,
        last_fin_id = excluded.last_fin_id, last_pct = excluded.last_pct;
    DELETE FROM person_module WHERE participant_id = COALESCE(OLD.participant_id, '')
        AND module_id = OLD.module_id AND attempts = 0 AND readings = 0;
END;

-- A change recounts both keys from the quiz attempts; a change of kind
-- (never made by the app, possible in a hand-edited file) moves the attempt
-- in or out of the counts. A review finishing changes nothing here.
DROP TRIGGER person_module_attempt_update;
CREATE TRIGGER person_module_attempt_update
AFTER UPDATE OF participant_id, module_id, state, score, max_score, passed, started_at, finished_at, kind ON attempts
WHEN (OLD.participant_id IS NOT NEW.participant_id OR OLD.module_id IS NOT NEW.module_id
  OR OLD.state IS NOT NEW.state OR OLD.score IS NOT NEW.score OR OLD.max_score IS NOT NEW.max_score
  OR OLD.passed IS NOT NEW.passed OR OLD.started_at IS NOT NEW.started_at
  OR OLD.finished_at IS NOT NEW.finished_at OR OLD.kind IS NOT NEW.kind)
  AND (OLD.kind = 'quiz' OR NEW.kind = 'quiz')
BEGIN
    INSERT INTO person_module (participant_id, module_id, attempts, finished, passes, best_pct, last_at,
        passed_at, last_fin_at, last_fin_id, last_pct)
    SELECT COALESCE(OLD.participant_id, ''), OLD.module_id, count(*), COALESCE(sum(a.state = 'finished'), 0),
        COALESCE(sum(a.passed), 0),
        max(CASE WHEN a.state = 'finished' AND a.max_score > 0 THEN a.score * 100.0 / a.max_score END),
        max(COALESCE(a.finished_at, a.started_at)), min(CASE WHEN a.passed = 1 THEN a.finished_at END),
        l.finished_at, l.id, CASE WHEN l.max_score > 0 THEN l.score * 100.0 / l.max_score END
    FROM attempts AS a LEFT JOIN (SELECT x.id, x.finished_at, x.score, x.max_score FROM attempts AS x
        WHERE x.participant_id IS OLD.participant_id AND x.module_id = OLD.module_id AND x.state = 'finished'
          AND x.kind = 'quiz'
        ORDER BY x.finished_at DESC, x.id DESC LIMIT 1) AS l ON true
    WHERE a.participant_id IS OLD.participant_id AND a.module_id = OLD.module_id AND a.kind = 'quiz'
    ON CONFLICT (participant_id, module_id) DO UPDATE SET attempts = excluded.attempts,
        finished = excluded.finished, passes = excluded.passes, best_pct = excluded.best_pct,
        last_at = excluded.last_at, passed_at = excluded.passed_at, last_fin_at = excluded.last_fin_at,
        last_fin_id = excluded.last_fin_id, last_pct = excluded.last_pct;
    DELETE FROM person_module WHERE participant_id = COALESCE(OLD.participant_id, '')
        AND module_id = OLD.module_id AND attempts = 0 AND readings = 0;
    INSERT INTO person_module (participant_id, module_id, attempts, finished, passes, best_pct, last_at,
        passed_at, last_fin_at, last_fin_id, last_pct)
    SELECT COALESCE(NEW.participant_id, ''), NEW.module_id, count(*), COALESCE(sum(a.state = 'finished'), 0),
        COALESCE(sum(a.passed), 0),
        max(CASE WHEN a.state = 'finished' AND a.max_score > 0 THEN a.score * 100.0 / a.max_score END),
        max(COALESCE(a.finished_at, a.started_at)), min(CASE WHEN a.passed = 1 THEN a.finished_at END),
        l.finished_at, l.id, CASE WHEN l.max_score > 0 THEN l.score * 100.0 / l.max_score END
    FROM attempts AS a LEFT JOIN (SELECT x.id, x.finished_at, x.score, x.max_score FROM attempts AS x
        WHERE x.participant_id IS NEW.participant_id AND x.module_id = NEW.module_id AND x.state = 'finished'
          AND x.kind = 'quiz'
        ORDER BY x.finished_at DESC, x.id DESC LIMIT 1) AS l ON true
    WHERE a.participant_id IS NEW.participant_id AND a.module_id = NEW.module_id AND a.kind = 'quiz'
    ON CONFLICT (participant_id, module_id) DO UPDATE SET attempts = excluded.attempts,
        finished = excluded.finished, passes = excluded.passes, best_pct = excluded.best_pct,
        last_at = excluded.last_at, passed_at = excluded.passed_at, last_fin_at = excluded.last_fin_at,
        last_fin_id = excluded.last_fin_id, last_pct = excluded.last_pct;
    DELETE FROM person_module WHERE participant_id = COALESCE(NEW.participant_id, '')
        AND module_id = NEW.module_id AND attempts = 0 AND readings = 0;
END;
