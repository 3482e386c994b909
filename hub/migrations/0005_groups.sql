-- kynangso hub schema, version 5: the people's groups, kept.
--
-- The province's class summary, coverage and follow-up overview count
-- people grouped by village, gender, anonymity, attendance and the modules
-- they reached and passed (results.PersonGroup). Version 4 grouped
-- sum_person's million rows at every report (a second at a million
-- people); the groups are now kept as sum_modules is, in sum_add, so a
-- report reads tens of thousands of rows. Their keys begin with the
-- village, whose advisory lock every push that changes them holds (see
-- sum_refresh), so concurrent pushes take turns on them as on sum_modules.

CREATE TABLE kynangso.sum_groups (
    village  text COLLATE "C" NOT NULL,
    gender   text COLLATE "C" NOT NULL,
    anon     boolean NOT NULL,
    attended boolean NOT NULL,
    modules  text COLLATE "C" NOT NULL,
    passed   text COLLATE "C" NOT NULL,
    n        bigint NOT NULL,
    PRIMARY KEY (village, gender, anon, attended, modules, passed)
);

INSERT INTO kynangso.sum_groups (village, gender, anon, attended, modules, passed, n)
SELECT village, gender, anon, attended, modules, passed, count(*)
FROM kynangso.sum_person GROUP BY 1, 2, 3, 4, 5, 6;

-- sum_add adds sign times the group rows of the people in pg_temp.sum_p
-- (their module and class rows, and their own) to sum_modules,
-- sum_classes and sum_groups, in key order.
CREATE OR REPLACE FUNCTION kynangso.sum_add(sign int) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    INSERT INTO kynangso.sum_modules AS g (village, module_id, tried, finished, passed, best_sum, best_n,
        attempts, finished_attempts)
    SELECT village, module_id, sign * count(*), sign * count(*) FILTER (WHERE finished > 0),
        sign * count(*) FILTER (WHERE passes > 0), sign * COALESCE(sum(best_pct::text::numeric), 0),
        sign * count(best_pct), sign * sum(attempts), sign * sum(finished)
    FROM kynangso.sum_person_module WHERE person_id IN (SELECT person_id FROM pg_temp.sum_p) AND attempts > 0
    GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (village, module_id) DO UPDATE SET tried = g.tried + excluded.tried,
        finished = g.finished + excluded.finished, passed = g.passed + excluded.passed,
        best_sum = g.best_sum + excluded.best_sum, best_n = g.best_n + excluded.best_n,
        attempts = g.attempts + excluded.attempts, finished_attempts = g.finished_attempts + excluded.finished_attempts;
    INSERT INTO kynangso.sum_classes AS g (village, session_id, n)
    SELECT village, session_id, sign * sum(n)
    FROM kynangso.sum_person_class WHERE person_id IN (SELECT person_id FROM pg_temp.sum_p)
    GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (village, session_id) DO UPDATE SET n = g.n + excluded.n;
    INSERT INTO kynangso.sum_groups AS g (village, gender, anon, attended, modules, passed, n)
    SELECT village, gender, anon, attended, modules, passed, sign * count(*)
    FROM kynangso.sum_person WHERE person_id IN (SELECT person_id FROM pg_temp.sum_p)
    GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (village, gender, anon, attended, modules, passed) DO UPDATE SET n = g.n + excluded.n;
END $$;

CREATE OR REPLACE FUNCTION kynangso.rebuild_summaries() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    TRUNCATE kynangso.sum_canon, kynangso.sum_person, kynangso.sum_person_module, kynangso.sum_person_class,
        kynangso.sum_modules, kynangso.sum_unlinked, kynangso.sum_classes, kynangso.sum_households, kynangso.sum_items,
        kynangso.sum_groups;
    INSERT INTO kynangso.sum_canon SELECT * FROM kynangso.sum_canon_now();
    DROP TABLE IF EXISTS pg_temp.sum_p;
    CREATE TEMP TABLE sum_p ON COMMIT DROP AS
    SELECT id AS person_id FROM kynangso.participants AS p
    WHERE NOT EXISTS (SELECT 1 FROM kynangso.sum_canon AS c WHERE c.record_id = p.id);
    ANALYZE pg_temp.sum_p;
    PERFORM kynangso.sum_recompute();
    INSERT INTO kynangso.sum_unlinked (module_id, attempts, finished, passes)
    SELECT module_id, count(*), count(*) FILTER (WHERE state = 'finished'), sum(passed)
    FROM kynangso.sum_attempts WHERE participant_id IS NULL GROUP BY 1;
    INSERT INTO kynangso.sum_items (commune_id, module_id, question_id, correct, chosen, n)
    SELECT n.commune_id, a.module_id, n.question_id, n.correct, n.chosen, count(*)
    FROM kynangso.answers AS n JOIN kynangso.sum_attempts AS a ON a.id = n.attempt_id
    GROUP BY 1, 2, 3, 4, 5;
    DROP TABLE IF EXISTS pg_temp.sum_touched;
    DROP TABLE IF EXISTS pg_temp.sum_item_delta;
    DELETE FROM kynangso.sum_pending WHERE txid = pg_current_xact_id();
END $$;

GRANT SELECT ON kynangso.sum_groups TO kynangso_province;
