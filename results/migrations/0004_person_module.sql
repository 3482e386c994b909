-- kynangso results schema, version 4: a per-person summary of each module,
-- so the province-wide summaries (class, coverage, follow-up) read one row
-- per person x module instead of every attempt (docs/reports.md, "Speed").

-- person_module holds, for each record (participant_id as stored, '' for
-- attempts with no person) and module, what the attempts and the lesson
-- reading add up to. Invariant, kept by the triggers below whatever order
-- rows arrive in (a merge inserts and updates with plain SQL, a privacy
-- delete unlinks attempts and deletes reading):
--   attempts, finished, passes = count(*), count of state 'finished', sum(passed)
--   best_pct = max(score * 100.0 / max_score) over finished attempts with a maximum
--   last_at  = max(COALESCE(finished_at, started_at))
--   passed_at = min(finished_at) of passed attempts
--   last_fin_at, last_fin_id, last_pct = finished_at, id and percent of the
--     latest finished attempt (latest finished_at, then greatest id)
--     over attempts WHERE COALESCE(participant_id, '') = participant_id AND module_id = module_id
--   readings, read_at = count(*), max(updated_at) over lesson_progress of the same key
-- A row with no attempt and no reading is deleted. Joined records
-- (participant_links) are not folded in here: a report maps each record to
-- the person it was joined into when it reads the table, so joining or
-- unjoining never has to touch it. Like item_tally it belongs to this
-- laptop: merges and backups never copy it, the triggers rebuild it.
CREATE TABLE person_module (
    participant_id TEXT NOT NULL,
    module_id      TEXT NOT NULL,
    attempts       INTEGER NOT NULL DEFAULT 0,
    finished       INTEGER NOT NULL DEFAULT 0,
    passes         INTEGER NOT NULL DEFAULT 0,
    best_pct       REAL,
    last_at        TEXT,
    passed_at      TEXT,
    last_fin_at    TEXT,
    last_fin_id    TEXT,
    last_pct       REAL,
    readings       INTEGER NOT NULL DEFAULT 0,
    read_at        TEXT,
    PRIMARY KEY (participant_id, module_id)
) WITHOUT ROWID;

INSERT INTO person_module (participant_id, module_id, attempts, finished, passes, best_pct, last_at, passed_at)
SELECT COALESCE(participant_id, ''), module_id, count(*), sum(state = 'finished'), sum(passed),
    max(CASE WHEN state = 'finished' AND max_score > 0 THEN score * 100.0 / max_score END),
    max(COALESCE(finished_at, started_at)), min(CASE WHEN passed = 1 THEN finished_at END)
FROM attempts GROUP BY 1, 2;

-- The latest finished attempt of each key, by a window over the attempts.
WITH l AS (
    SELECT COALESCE(participant_id, '') AS pid, module_id, id, finished_at,
        CASE WHEN max_score > 0 THEN score * 100.0 / max_score END AS pct,
        row_number() OVER (PARTITION BY participant_id, module_id ORDER BY finished_at DESC, id DESC) AS k
    FROM attempts WHERE state = 'finished'
)
UPDATE person_module SET last_fin_at = l.finished_at, last_fin_id = l.id, last_pct = l.pct
FROM l WHERE l.k = 1 AND l.pid = person_module.participant_id AND l.module_id = person_module.module_id;

INSERT INTO person_module (participant_id, module_id, readings, read_at)
SELECT participant_id, module_id, 1, updated_at FROM lesson_progress WHERE true
ON CONFLICT (participant_id, module_id) DO UPDATE SET readings = excluded.readings,
    read_at = excluded.read_at;

-- A new attempt only adds to its row, so inserting (the demo, a merge) never
-- rereads the other attempts.
CREATE TRIGGER person_module_attempt_insert AFTER INSERT ON attempts
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

-- A deleted or changed attempt recounts its key(s) from the attempts
-- (a maximum cannot be taken back), through the person-first index.
CREATE TRIGGER person_module_attempt_delete AFTER DELETE ON attempts
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
        ORDER BY x.finished_at DESC, x.id DESC LIMIT 1) AS l ON true
    WHERE a.participant_id IS OLD.participant_id AND a.module_id = OLD.module_id
    ON CONFLICT (participant_id, module_id) DO UPDATE SET attempts = excluded.attempts,
        finished = excluded.finished, passes = excluded.passes, best_pct = excluded.best_pct,
        last_at = excluded.last_at, passed_at = excluded.passed_at, last_fin_at = excluded.last_fin_at,
        last_fin_id = excluded.last_fin_id, last_pct = excluded.last_pct;
    DELETE FROM person_module WHERE participant_id = COALESCE(OLD.participant_id, '')
        AND module_id = OLD.module_id AND attempts = 0 AND readings = 0;
END;

CREATE TRIGGER person_module_attempt_update
AFTER UPDATE OF participant_id, module_id, state, score, max_score, passed, started_at, finished_at ON attempts
WHEN OLD.participant_id IS NOT NEW.participant_id OR OLD.module_id IS NOT NEW.module_id
  OR OLD.state IS NOT NEW.state OR OLD.score IS NOT NEW.score OR OLD.max_score IS NOT NEW.max_score
  OR OLD.passed IS NOT NEW.passed OR OLD.started_at IS NOT NEW.started_at
  OR OLD.finished_at IS NOT NEW.finished_at
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
        ORDER BY x.finished_at DESC, x.id DESC LIMIT 1) AS l ON true
    WHERE a.participant_id IS OLD.participant_id AND a.module_id = OLD.module_id
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
        ORDER BY x.finished_at DESC, x.id DESC LIMIT 1) AS l ON true
    WHERE a.participant_id IS NEW.participant_id AND a.module_id = NEW.module_id
    ON CONFLICT (participant_id, module_id) DO UPDATE SET attempts = excluded.attempts,
        finished = excluded.finished, passes = excluded.passes, best_pct = excluded.best_pct,
        last_at = excluded.last_at, passed_at = excluded.passed_at, last_fin_at = excluded.last_fin_at,
        last_fin_id = excluded.last_fin_id, last_pct = excluded.last_pct;
    DELETE FROM person_module WHERE participant_id = COALESCE(NEW.participant_id, '')
        AND module_id = NEW.module_id AND attempts = 0 AND readings = 0;
END;

CREATE TRIGGER person_module_progress_insert AFTER INSERT ON lesson_progress
BEGIN
    INSERT INTO person_module (participant_id, module_id, readings, read_at)
    VALUES (NEW.participant_id, NEW.module_id, 1, NEW.updated_at)
    ON CONFLICT (participant_id, module_id) DO UPDATE SET readings = readings + 1,
        read_at = CASE WHEN read_at IS NULL OR excluded.read_at > read_at
            THEN excluded.read_at ELSE read_at END;
END;

CREATE TRIGGER person_module_progress_delete AFTER DELETE ON lesson_progress
BEGIN
    INSERT INTO person_module (participant_id, module_id, readings, read_at)
    SELECT OLD.participant_id, OLD.module_id, count(*), max(g.updated_at)
    FROM lesson_progress AS g WHERE g.participant_id = OLD.participant_id AND g.module_id = OLD.module_id
    ON CONFLICT (participant_id, module_id) DO UPDATE SET readings = excluded.readings,
        read_at = excluded.read_at;
    DELETE FROM person_module WHERE participant_id = OLD.participant_id
        AND module_id = OLD.module_id AND attempts = 0 AND readings = 0;
END;

CREATE TRIGGER person_module_progress_update
AFTER UPDATE OF participant_id, module_id, updated_at ON lesson_progress
WHEN OLD.participant_id IS NOT NEW.participant_id OR OLD.module_id IS NOT NEW.module_id
  OR OLD.updated_at IS NOT NEW.updated_at
BEGIN
    INSERT INTO person_module (participant_id, module_id, readings, read_at)
    SELECT OLD.participant_id, OLD.module_id, count(*), max(g.updated_at)
    FROM lesson_progress AS g WHERE g.participant_id = OLD.participant_id AND g.module_id = OLD.module_id
    ON CONFLICT (participant_id, module_id) DO UPDATE SET readings = excluded.readings,
        read_at = excluded.read_at;
    DELETE FROM person_module WHERE participant_id = OLD.participant_id
        AND module_id = OLD.module_id AND attempts = 0 AND readings = 0;
    INSERT INTO person_module (participant_id, module_id, readings, read_at)
    SELECT NEW.participant_id, NEW.module_id, count(*), max(g.updated_at)
    FROM lesson_progress AS g WHERE g.participant_id = NEW.participant_id AND g.module_id = NEW.module_id
    ON CONFLICT (participant_id, module_id) DO UPDATE SET readings = excluded.readings,
        read_at = excluded.read_at;
    DELETE FROM person_module WHERE participant_id = NEW.participant_id
        AND module_id = NEW.module_id AND attempts = 0 AND readings = 0;
END;

-- The results export lists people by village, household and name ("" last);
-- walking this index gives that order without sorting every row.
CREATE INDEX participants_order ON participants (village = '', village, household = '', household,
    search_key, id);

-- The class summary counts people per module: this covering index gives the
-- rows in module order, so it neither sorts nor reads the wide table rows.
CREATE INDEX person_module_module ON person_module (module_id, participant_id, attempts, finished,
    passes, best_pct);
