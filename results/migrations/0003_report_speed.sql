-- kynangso results schema, version 3: make the trainer summaries and the
-- exports fast on a province-size database (docs/reports.md, "Speed").

-- Covering indexes: the summaries read these columns of every attempt in
-- scope, so they scan a narrow index instead of the table (whose rows carry
-- the question-id list). Module first for the per-module summaries and
-- exports; person first for the follow-up list and coverage.
CREATE INDEX attempts_report ON attempts (module_id, participant_id, state, passed,
    score, max_score, started_at, finished_at, session_id);
CREATE INDEX attempts_person ON attempts (participant_id, module_id, passed, state,
    score, max_score, started_at, finished_at, session_id);
-- attempts_report starts with module_id, so the old (module_id, state) index
-- only costs writes.
DROP INDEX attempts_module;

-- A filtered item analysis reads the answers of the attempts in scope.
CREATE INDEX answers_report ON answers (attempt_id, question_id, correct, chosen);

-- item_tally counts the answers by module, question, correctness and the
-- choices made, so the unfiltered item analysis reads a few hundred rows
-- instead of every answer. Invariant, kept by the triggers below whatever
-- order rows arrive in (a merge inserts and updates with plain SQL):
--   item_tally = SELECT a.module_id, n.question_id, n.correct, n.chosen, count(*)
--                FROM answers AS n JOIN attempts AS a ON a.id = n.attempt_id
--                GROUP BY 1, 2, 3, 4
-- Rows whose count drops to 0 are deleted. It belongs to this laptop like an
-- index: merges and backups never copy it, the triggers rebuild it.
CREATE TABLE item_tally (
    module_id   TEXT NOT NULL,
    question_id TEXT NOT NULL,
    correct     INTEGER NOT NULL,
    chosen      TEXT NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (module_id, question_id, correct, chosen)
) WITHOUT ROWID;

INSERT INTO item_tally (module_id, question_id, correct, chosen, n)
SELECT a.module_id, n.question_id, n.correct, n.chosen, count(*)
FROM answers AS n JOIN attempts AS a ON a.id = n.attempt_id
GROUP BY 1, 2, 3, 4;

CREATE TRIGGER item_tally_answer_insert AFTER INSERT ON answers
BEGIN
    INSERT INTO item_tally (module_id, question_id, correct, chosen, n)
    SELECT a.module_id, NEW.question_id, NEW.correct, NEW.chosen, 1
    FROM attempts AS a WHERE a.id = NEW.attempt_id
    ON CONFLICT (module_id, question_id, correct, chosen) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER item_tally_answer_delete AFTER DELETE ON answers
BEGIN
    UPDATE item_tally SET n = n - 1
    WHERE module_id = (SELECT module_id FROM attempts WHERE id = OLD.attempt_id)
      AND question_id = OLD.question_id AND correct = OLD.correct AND chosen = OLD.chosen;
    DELETE FROM item_tally
    WHERE module_id = (SELECT module_id FROM attempts WHERE id = OLD.attempt_id)
      AND question_id = OLD.question_id AND correct = OLD.correct AND chosen = OLD.chosen
      AND n <= 0;
END;

CREATE TRIGGER item_tally_answer_update
AFTER UPDATE OF attempt_id, question_id, correct, chosen ON answers
WHEN OLD.attempt_id IS NOT NEW.attempt_id OR OLD.question_id IS NOT NEW.question_id
  OR OLD.correct IS NOT NEW.correct OR OLD.chosen IS NOT NEW.chosen
BEGIN
    UPDATE item_tally SET n = n - 1
    WHERE module_id = (SELECT module_id FROM attempts WHERE id = OLD.attempt_id)
      AND question_id = OLD.question_id AND correct = OLD.correct AND chosen = OLD.chosen;
    DELETE FROM item_tally
    WHERE module_id = (SELECT module_id FROM attempts WHERE id = OLD.attempt_id)
      AND question_id = OLD.question_id AND correct = OLD.correct AND chosen = OLD.chosen
      AND n <= 0;
    INSERT INTO item_tally (module_id, question_id, correct, chosen, n)
    SELECT a.module_id, NEW.question_id, NEW.correct, NEW.chosen, 1
    FROM attempts AS a WHERE a.id = NEW.attempt_id
    ON CONFLICT (module_id, question_id, correct, chosen) DO UPDATE SET n = n + 1;
END;

-- An attempt that arrives after its answers (a merge with foreign keys
-- deferred) adds them; one that leaves or changes module moves them.
CREATE TRIGGER item_tally_attempt_insert AFTER INSERT ON attempts
BEGIN
    INSERT INTO item_tally (module_id, question_id, correct, chosen, n)
    SELECT NEW.module_id, n.question_id, n.correct, n.chosen, count(*)
    FROM answers AS n WHERE n.attempt_id = NEW.id GROUP BY 1, 2, 3, 4
    ON CONFLICT (module_id, question_id, correct, chosen) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER item_tally_attempt_delete AFTER DELETE ON attempts
BEGIN
    UPDATE item_tally SET n = n - (SELECT count(*) FROM answers AS x WHERE x.attempt_id = OLD.id
        AND x.question_id = item_tally.question_id AND x.correct = item_tally.correct
        AND x.chosen = item_tally.chosen)
    WHERE module_id = OLD.module_id;
    DELETE FROM item_tally WHERE module_id = OLD.module_id AND n <= 0;
END;

CREATE TRIGGER item_tally_attempt_module AFTER UPDATE OF id, module_id ON attempts
WHEN OLD.module_id IS NOT NEW.module_id OR OLD.id IS NOT NEW.id
BEGIN
    UPDATE item_tally SET n = n - (SELECT count(*) FROM answers AS x WHERE x.attempt_id = OLD.id
        AND x.question_id = item_tally.question_id AND x.correct = item_tally.correct
        AND x.chosen = item_tally.chosen)
    WHERE module_id = OLD.module_id;
    DELETE FROM item_tally WHERE module_id = OLD.module_id AND n <= 0;
    INSERT INTO item_tally (module_id, question_id, correct, chosen, n)
    SELECT NEW.module_id, n.question_id, n.correct, n.chosen, count(*)
    FROM answers AS n WHERE n.attempt_id = NEW.id GROUP BY 1, 2, 3, 4
    ON CONFLICT (module_id, question_id, correct, chosen) DO UPDATE SET n = n + excluded.n;
END;

-- The summaries look up each person's gender, village and household; this
-- narrow index answers them without reading the wide participants rows.
CREATE INDEX participants_report ON participants (id, village, household, gender,
    anonymous, deleted_at);

-- The follow-up list reads each person's latest check-in; this index covers
-- it and replaces the narrower attendance_participant.
CREATE INDEX attendance_person ON attendance (participant_id, checked_in_at, session_id);
DROP INDEX attendance_participant;

-- The attendance sheet lists what each person studied and passed in each
-- class; this index covers it and replaces the narrower attempts_session.
CREATE INDEX attempts_class ON attempts (session_id, participant_id, module_id, passed);
DROP INDEX attempts_session;
