-- kynangso hub schema, version 4: the report summaries, kept on the hub.
--
-- A laptop answers its province-wide summaries (no class, no dates; a
-- village filter allowed) from summary tables its triggers keep exact
-- (person_module, person_summary, item_tally; results migrations 3-5),
-- grouping a few thousand rows instead of reading every attempt. The hub
-- keeps the same summaries, one step further on: per person, with joined
-- records already folded into the person they were joined into, and
-- grouped by village, so that the province's reports read a few thousand
-- rows however many people the province has. The Go code that turns these
-- groups into reports is the laptop's own (package results, SummarySource),
-- so the numbers are the laptop's by construction; TestHubReportsEqualFile
-- Reports holds the grouped rows equal.
--
-- How they stay exact: statement triggers note which records every write
-- touches (whoever writes: apply_push, its repairs, an administrator), and
-- at commit one deferred trigger recomputes those people from their rows,
-- taking back what their old summary rows added to the groups and adding
-- what the new ones add. Concurrent pushes that touch the same people wait
-- for each other's commit on an advisory lock per commune (of the person)
-- and per village, so each recomputes from what the other committed.
-- kynangso.rebuild_summaries() recomputes everything from the rows (after
-- a bulk load, or to check the incremental upkeep).

-- The person each joined record was finally joined into: the results
-- package's canonCTE, kept as a table. A record absent here is its own
-- person.
CREATE TABLE kynangso.sum_canon (
    record_id text COLLATE "C" PRIMARY KEY,
    person_id text COLLATE "C" NOT NULL
);

-- One row per person with any activity (a check-in, an attempt, lesson
-- reading), as results.person_summary is per record: the person's own
-- (kept record's) village, household, gender and anonymity, and the module
-- ids reached and passed over all their records, comma-separated in id
-- order.
CREATE TABLE kynangso.sum_person (
    person_id text COLLATE "C" PRIMARY KEY,
    village   text COLLATE "C" NOT NULL,
    household text COLLATE "C" NOT NULL,
    gender    text COLLATE "C" NOT NULL,
    anon      boolean NOT NULL,
    modules   text COLLATE "C" NOT NULL,
    passed    text COLLATE "C" NOT NULL,
    attended  boolean NOT NULL
);
CREATE INDEX sum_person_household ON kynangso.sum_person (village, household);

-- One row per person and module, as results.person_module is per record:
-- attempts (any state), finished ones, passes, the best finished percent,
-- lesson readings; village is the person's, for the groups below.
CREATE TABLE kynangso.sum_person_module (
    person_id text COLLATE "C" NOT NULL,
    module_id text COLLATE "C" NOT NULL,
    village   text COLLATE "C" NOT NULL,
    attempts  bigint NOT NULL,
    finished  bigint NOT NULL,
    passes    bigint NOT NULL,
    best_pct  float8,
    readings  bigint NOT NULL,
    PRIMARY KEY (person_id, module_id)
);

-- One row per person and class: their check-ins to it (two when two of
-- their records both checked in).
CREATE TABLE kynangso.sum_person_class (
    person_id  text COLLATE "C" NOT NULL,
    session_id text COLLATE "C" NOT NULL,
    village    text COLLATE "C" NOT NULL,
    n          bigint NOT NULL,
    PRIMARY KEY (person_id, session_id)
);

-- The class summary's module rows by village: over the person-module rows
-- with an attempt, how many there are (tried), with a finished attempt,
-- with a pass; the sum and count of best percents (exact decimal sums, so
-- taking a person back leaves no rounding behind); attempts and finished
-- attempts.
CREATE TABLE kynangso.sum_modules (
    village           text COLLATE "C" NOT NULL,
    module_id         text COLLATE "C" NOT NULL,
    tried             bigint NOT NULL,
    finished          bigint NOT NULL,
    passed            bigint NOT NULL,
    best_sum          numeric NOT NULL,
    best_n            bigint NOT NULL,
    attempts          bigint NOT NULL,
    finished_attempts bigint NOT NULL,
    PRIMARY KEY (village, module_id)
);

-- Attempts with no person (an erased person's, practice without a
-- record), per module.
CREATE TABLE kynangso.sum_unlinked (
    module_id text COLLATE "C" PRIMARY KEY,
    attempts  bigint NOT NULL,
    finished  bigint NOT NULL,
    passes    bigint NOT NULL
);

-- Check-ins per class by the village of the person who checked in.
CREATE TABLE kynangso.sum_classes (
    village    text COLLATE "C" NOT NULL,
    session_id text COLLATE "C" NOT NULL,
    n          bigint NOT NULL,
    PRIMARY KEY (village, session_id)
);

-- Every non-empty household of the people with activity: the distinct
-- passed lists of its people, and of its named (not anonymous) people, so
-- a report decides "someone passed every skill" and "someone named has a
-- module left" for its catalog; plain says cleaning the names for display
-- (results' safetext.Line) surely leaves both as they are.
CREATE TABLE kynangso.sum_households (
    village   text COLLATE "C" NOT NULL,
    household text COLLATE "C" NOT NULL,
    passed    text[] COLLATE "C" NOT NULL,
    named     text[] COLLATE "C" NOT NULL,
    plain     boolean NOT NULL,
    PRIMARY KEY (village, household)
);

-- results.item_tally, kept apart per commune of the answers so that pushes
-- of different communes never wait for each other on the same rows.
CREATE TABLE kynangso.sum_items (
    commune_id  int NOT NULL,
    module_id   text COLLATE "C" NOT NULL,
    question_id text COLLATE "C" NOT NULL,
    correct     bigint NOT NULL,
    chosen      text COLLATE "C" NOT NULL,
    n           bigint NOT NULL,
    PRIMARY KEY (commune_id, module_id, question_id, correct, chosen)
);

-- The report's village filter lists the villages of every record.
CREATE INDEX participants_village ON kynangso.participants (village);

-- The attempts the summaries count: quizzes only, as a laptop's summary
-- triggers count them since its migration 7 (a review of missed
-- questions is never a quiz, a pass, a best score or an item answer). One
-- place to say it, so every summary below leaves reviews out.
CREATE VIEW kynangso.sum_attempts AS SELECT * FROM kynangso.attempts WHERE kind = 'quiz';

-- sum_plain reports whether s is made only of letters Vietnamese and
-- other Latin names use, digits, a little punctuation and single spaces,
-- in NFC: text that safetext.Line returns unchanged. It may say false for
-- text that would not change; never true for text that would.
CREATE FUNCTION kynangso.sum_plain(s text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT s IS NFC NORMALIZED
        AND s ~ '^([A-Za-z0-9À-ÖØ-öø-ɏḀ-ỿ''’.,/()&:#-]+( [A-Za-z0-9À-ÖØ-öø-ɏḀ-ỿ''’.,/()&:#-]+)*)?$'
$$;

-- A write notes what it touched in pg_temp.sum_touched (kind 'r': a
-- record whose person to recompute; 'l': the joins changed; 'm': a module
-- whose attempts with no person changed; 'i': answers' tallies to add, in
-- sum_item_delta), and queues the refresh at commit once per transaction.
CREATE TABLE kynangso.sum_pending (
    txid xid8 PRIMARY KEY
);

CREATE FUNCTION kynangso.sum_begin() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF to_regclass('pg_temp.sum_touched') IS NULL THEN
        CREATE TEMP TABLE sum_touched (kind "char" NOT NULL, id text COLLATE "C" NOT NULL) ON COMMIT DROP;
        CREATE TEMP TABLE sum_item_delta (commune_id int, module_id text COLLATE "C", question_id text COLLATE "C",
            correct bigint, chosen text COLLATE "C", n bigint) ON COMMIT DROP;
    END IF;
    INSERT INTO kynangso.sum_pending (txid) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
END $$;

-- sum_touch is the statement trigger of participants, attendance,
-- lesson_progress, attempts and participant_links: TG_ARGV names the
-- columns holding record ids ('l' first for the joins).
CREATE FUNCTION kynangso.sum_touch() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    srcs text[] := CASE TG_OP WHEN 'INSERT' THEN ARRAY['new_rows'] WHEN 'DELETE' THEN ARRAY['old_rows']
        ELSE ARRAY['old_rows', 'new_rows'] END;
    col  text;
    src  text;
    changed boolean;
BEGIN
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I)', srcs[1]) INTO STRICT changed;
    IF NOT changed THEN
        RETURN NULL; -- the statement changed no row (an UPDATE's old and new rows are as many)
    END IF;
    PERFORM kynangso.sum_begin();
    FOREACH src IN ARRAY srcs LOOP
        FOREACH col IN ARRAY TG_ARGV LOOP
            IF col = 'l' THEN
                INSERT INTO pg_temp.sum_touched VALUES ('l', '');
                CONTINUE;
            END IF;
            EXECUTE format('INSERT INTO pg_temp.sum_touched SELECT DISTINCT ''r'', %I FROM %I WHERE %I IS NOT NULL',
                col, src, col);
        END LOOP;
        IF TG_TABLE_NAME = 'attempts' THEN
            EXECUTE format('INSERT INTO pg_temp.sum_touched SELECT DISTINCT ''m'', module_id FROM %I
                WHERE participant_id IS NULL', src);
        END IF;
    END LOOP;
    IF TG_TABLE_NAME = 'attempts' AND TG_OP = 'UPDATE' THEN
        -- An attempt that moved to another module, or changed kind, takes
        -- its answers along: out of the old module's tally if it was a
        -- quiz, into the new one's if it is one.
        INSERT INTO pg_temp.sum_item_delta
        SELECT n.commune_id, m.module_id, n.question_id, n.correct, n.chosen, m.sign * count(*)
        FROM old_rows AS o JOIN new_rows AS w ON w.id = o.id AND (w.module_id <> o.module_id OR w.kind <> o.kind)
        CROSS JOIN LATERAL (VALUES (o.module_id, -1, o.kind), (w.module_id, 1, w.kind)) AS m(module_id, sign, kind)
        JOIN kynangso.answers AS n ON n.attempt_id = o.id
        WHERE m.kind = 'quiz'
        GROUP BY 1, 2, 3, 4, 5, m.sign;
    END IF;
    RETURN NULL;
END $$;

-- sum_answers is the statement trigger of answers: it notes the tallies
-- the statement takes away and adds.
CREATE FUNCTION kynangso.sum_answers() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    changed boolean;
BEGIN
    IF TG_OP = 'INSERT' THEN
        changed := EXISTS (SELECT 1 FROM new_rows);
    ELSE
        changed := EXISTS (SELECT 1 FROM old_rows);
    END IF;
    IF NOT changed THEN
        RETURN NULL;
    END IF;
    PERFORM kynangso.sum_begin();
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO pg_temp.sum_item_delta
        SELECT o.commune_id, a.module_id, o.question_id, o.correct, o.chosen, -count(*)
        FROM old_rows AS o JOIN kynangso.sum_attempts AS a ON a.id = o.attempt_id GROUP BY 1, 2, 3, 4, 5;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO pg_temp.sum_item_delta
        SELECT o.commune_id, a.module_id, o.question_id, o.correct, o.chosen, count(*)
        FROM new_rows AS o JOIN kynangso.sum_attempts AS a ON a.id = o.attempt_id GROUP BY 1, 2, 3, 4, 5;
    END IF;
    RETURN NULL;
END $$;

DO $$
DECLARE
    t record;
    op text;
BEGIN
    FOR t IN SELECT * FROM (VALUES ('participants', '''id'''), ('attendance', '''participant_id'''),
        ('lesson_progress', '''participant_id'''), ('attempts', '''participant_id'''),
        ('participant_links', '''l'', ''from_id'', ''into_id'''), ('answers', NULL)) AS x(tbl, args) LOOP
        FOREACH op IN ARRAY ARRAY['insert', 'update', 'delete'] LOOP
            EXECUTE format('CREATE TRIGGER %I AFTER %s ON kynangso.%I REFERENCING %s FOR EACH STATEMENT
                EXECUTE FUNCTION kynangso.%s(%s)', 'sum_' || op, op, t.tbl,
                CASE op WHEN 'insert' THEN 'NEW TABLE AS new_rows' WHEN 'delete' THEN 'OLD TABLE AS old_rows'
                    ELSE 'OLD TABLE AS old_rows NEW TABLE AS new_rows' END,
                CASE WHEN t.args IS NULL THEN 'sum_answers' ELSE 'sum_touch' END, COALESCE(t.args, ''));
        END LOOP;
    END LOOP;
END $$;

-- sum_canon_now is the canon as the joins stand.
CREATE FUNCTION kynangso.sum_canon_now() RETURNS TABLE (record_id text, person_id text)
LANGUAGE sql STABLE SET search_path = pg_catalog AS $$
    WITH RECURSIVE chain(id, cid) AS (
        SELECT from_id, into_id FROM kynangso.participant_links
        UNION
        SELECT chain.id, l.into_id FROM chain JOIN kynangso.participant_links AS l ON l.from_id = chain.cid
    )
    SELECT id, cid FROM chain WHERE cid NOT IN (SELECT from_id FROM kynangso.participant_links)
$$;

-- sum_add adds sign times the group rows of the people in pg_temp.sum_p
-- (their module and class rows) to sum_modules and sum_classes, in key
-- order.
CREATE FUNCTION kynangso.sum_add(sign int) RETURNS void
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
END $$;

-- sum_recompute recomputes the people in pg_temp.sum_p (any record ids:
-- a record joined into someone else gets no row) from their records' rows,
-- and the groups and households they are part of.
CREATE FUNCTION kynangso.sum_recompute() RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM kynangso.sum_add(-1);
    DROP TABLE IF EXISTS pg_temp.sum_h;
    CREATE TEMP TABLE sum_h ON COMMIT DROP AS
    SELECT village, household FROM kynangso.sum_person
    WHERE person_id IN (SELECT person_id FROM pg_temp.sum_p) AND household <> '';
    DELETE FROM kynangso.sum_person_module WHERE person_id IN (SELECT person_id FROM pg_temp.sum_p);
    DELETE FROM kynangso.sum_person_class WHERE person_id IN (SELECT person_id FROM pg_temp.sum_p);
    DELETE FROM kynangso.sum_person WHERE person_id IN (SELECT person_id FROM pg_temp.sum_p);

    -- Each person's records: their own and those joined into them.
    DROP TABLE IF EXISTS pg_temp.sum_r;
    CREATE TEMP TABLE sum_r ON COMMIT DROP AS
    SELECT p.person_id, p.person_id AS record_id, x.village
    FROM (SELECT DISTINCT person_id FROM pg_temp.sum_p) AS p JOIN kynangso.participants AS x ON x.id = p.person_id
    WHERE NOT EXISTS (SELECT 1 FROM kynangso.sum_canon AS c WHERE c.record_id = p.person_id)
    UNION ALL
    SELECT c.person_id, c.record_id, x.village FROM kynangso.sum_canon AS c
    JOIN kynangso.participants AS x ON x.id = c.person_id
    WHERE c.person_id IN (SELECT person_id FROM pg_temp.sum_p);
    ANALYZE pg_temp.sum_r;

    INSERT INTO kynangso.sum_person_module (person_id, module_id, village, attempts, finished, passes, best_pct, readings)
    SELECT person_id, module_id, village, sum(attempts), sum(finished), sum(passes), max(best), sum(readings)
    FROM (
        SELECT r.person_id, a.module_id, r.village, count(*) AS attempts,
            count(*) FILTER (WHERE a.state = 'finished') AS finished, sum(a.passed) AS passes,
            max(CASE WHEN a.state = 'finished' AND a.max_score > 0
                THEN a.score::float8 * 100.0::float8 / a.max_score::float8 END) AS best, 0 AS readings
        FROM pg_temp.sum_r AS r JOIN kynangso.sum_attempts AS a ON a.participant_id = r.record_id
        GROUP BY 1, 2, 3
        UNION ALL
        SELECT r.person_id, g.module_id, r.village, 0, 0, 0, NULL, count(*)
        FROM pg_temp.sum_r AS r JOIN kynangso.lesson_progress AS g ON g.participant_id = r.record_id
        GROUP BY 1, 2, 3
    ) AS x
    GROUP BY person_id, module_id, village;

    INSERT INTO kynangso.sum_person_class (person_id, session_id, village, n)
    SELECT r.person_id, t.session_id, r.village, count(*)
    FROM pg_temp.sum_r AS r JOIN kynangso.attendance AS t ON t.participant_id = r.record_id
    GROUP BY 1, 2, 3;

    INSERT INTO kynangso.sum_person (person_id, village, household, gender, anon, modules, passed, attended)
    SELECT p.id, p.village, p.household, p.gender, p.anonymous = 1 OR p.deleted_at IS NOT NULL,
        COALESCE(m.modules, ''), COALESCE(m.passed, ''), c.person_id IS NOT NULL
    FROM (SELECT DISTINCT person_id FROM pg_temp.sum_r) AS s
    JOIN kynangso.participants AS p ON p.id = s.person_id
    LEFT JOIN (
        SELECT person_id, string_agg(module_id, ',' ORDER BY module_id) AS modules,
            string_agg(module_id, ',' ORDER BY module_id) FILTER (WHERE passes > 0) AS passed
        FROM kynangso.sum_person_module WHERE person_id IN (SELECT person_id FROM pg_temp.sum_r) GROUP BY 1
    ) AS m ON m.person_id = p.id
    LEFT JOIN (
        SELECT DISTINCT person_id FROM kynangso.sum_person_class WHERE person_id IN (SELECT person_id FROM pg_temp.sum_r)
    ) AS c ON c.person_id = p.id
    WHERE m.person_id IS NOT NULL OR c.person_id IS NOT NULL;

    PERFORM kynangso.sum_add(1);

    -- The households the people were in before and are in now.
    INSERT INTO pg_temp.sum_h SELECT village, household FROM kynangso.sum_person
    WHERE person_id IN (SELECT person_id FROM pg_temp.sum_p) AND household <> '';
    DELETE FROM kynangso.sum_households AS h USING (SELECT DISTINCT village, household FROM pg_temp.sum_h) AS k
    WHERE h.village = k.village AND h.household = k.household;
    INSERT INTO kynangso.sum_households (village, household, passed, named, plain)
    SELECT s.village, s.household, array_agg(DISTINCT s.passed),
        COALESCE(array_agg(DISTINCT s.passed) FILTER (WHERE NOT s.anon), '{}'),
        kynangso.sum_plain(s.village) AND kynangso.sum_plain(s.household)
    FROM kynangso.sum_person AS s JOIN (SELECT DISTINCT village, household FROM pg_temp.sum_h) AS k
        ON s.village = k.village AND s.household = k.household
    GROUP BY s.village, s.household;
END $$;

-- sum_refresh brings the summaries up to date with what this transaction
-- wrote (pg_temp.sum_touched); the deferred trigger runs it at commit.
CREATE FUNCTION kynangso.sum_refresh() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    relink boolean;
BEGIN
    IF to_regclass('pg_temp.sum_touched') IS NULL THEN
        RETURN;
    END IF;
    relink := EXISTS (SELECT 1 FROM pg_temp.sum_touched WHERE kind = 'l');
    IF relink THEN
        -- Joins are few: the whole canon is worked out again, one
        -- transaction at a time, and every record whose person changes is
        -- recomputed under its old person and its new one.
        PERFORM pg_advisory_xact_lock(1398099267, 0);
        DROP TABLE IF EXISTS pg_temp.sum_canon_new;
        CREATE TEMP TABLE sum_canon_new ON COMMIT DROP AS SELECT * FROM kynangso.sum_canon_now();
        INSERT INTO pg_temp.sum_touched
        SELECT 'r', COALESCE(o.record_id, n.record_id)
        FROM kynangso.sum_canon AS o FULL JOIN pg_temp.sum_canon_new AS n ON n.record_id = o.record_id
        WHERE o.person_id IS DISTINCT FROM n.person_id;
    END IF;
    -- The people touched, as they were (and below, as they are now).
    DROP TABLE IF EXISTS pg_temp.sum_p;
    CREATE TEMP TABLE sum_p ON COMMIT DROP AS
    SELECT DISTINCT COALESCE(c.person_id, t.id) AS person_id
    FROM pg_temp.sum_touched AS t LEFT JOIN kynangso.sum_canon AS c ON c.record_id = t.id WHERE t.kind = 'r';
    IF relink THEN
        DELETE FROM kynangso.sum_canon AS o
        WHERE NOT EXISTS (SELECT 1 FROM pg_temp.sum_canon_new AS n WHERE n.record_id = o.record_id AND n.person_id = o.person_id);
        INSERT INTO kynangso.sum_canon SELECT * FROM pg_temp.sum_canon_new ON CONFLICT (record_id) DO NOTHING;
        INSERT INTO pg_temp.sum_p
        SELECT DISTINCT COALESCE(c.person_id, t.id)
        FROM pg_temp.sum_touched AS t LEFT JOIN kynangso.sum_canon AS c ON c.record_id = t.id WHERE t.kind = 'r';
    END IF;
    -- Concurrent pushes touching the same people or households take turns:
    -- by the people's commune, then by village, each in order.
    PERFORM pg_advisory_xact_lock(1398099268, commune_id) FROM (
        SELECT DISTINCT x.commune_id FROM pg_temp.sum_p AS p JOIN kynangso.participants AS x ON x.id = p.person_id
        ORDER BY 1) AS l;
    PERFORM pg_advisory_xact_lock(1398099269, h) FROM (
        SELECT DISTINCT hashtext(v) AS h FROM (
            SELECT x.village AS v FROM pg_temp.sum_p AS p JOIN kynangso.participants AS x ON x.id = p.person_id
            UNION SELECT s.village FROM pg_temp.sum_p AS p JOIN kynangso.sum_person AS s ON s.person_id = p.person_id) AS vs
        ORDER BY 1) AS l;
    PERFORM kynangso.sum_recompute();

    PERFORM pg_advisory_xact_lock(1398099270, hashtext(id)) FROM (
        SELECT DISTINCT id FROM pg_temp.sum_touched WHERE kind = 'm' ORDER BY 1) AS l;
    DELETE FROM kynangso.sum_unlinked WHERE module_id IN (SELECT id FROM pg_temp.sum_touched WHERE kind = 'm');
    INSERT INTO kynangso.sum_unlinked (module_id, attempts, finished, passes)
    SELECT module_id, count(*), count(*) FILTER (WHERE state = 'finished'), sum(passed)
    FROM kynangso.sum_attempts
    WHERE participant_id IS NULL AND module_id IN (SELECT id FROM pg_temp.sum_touched WHERE kind = 'm')
    GROUP BY 1;

    -- Last, the answers' tallies: their rows are shared by the commune's
    -- pushes, so they are held only from here to the commit.
    INSERT INTO kynangso.sum_items AS g (commune_id, module_id, question_id, correct, chosen, n)
    SELECT commune_id, module_id, question_id, correct, chosen, sum(n) FROM pg_temp.sum_item_delta
    GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (commune_id, module_id, question_id, correct, chosen) DO UPDATE SET n = g.n + excluded.n;

    TRUNCATE pg_temp.sum_touched, pg_temp.sum_item_delta;
END $$;

CREATE FUNCTION kynangso.sum_refresh_trigger() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM kynangso.sum_refresh();
    -- A write after this (SET CONSTRAINTS ... IMMEDIATE fired it early)
    -- queues the refresh again.
    DELETE FROM kynangso.sum_pending WHERE txid = NEW.txid;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER sum_refresh AFTER INSERT ON kynangso.sum_pending
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kynangso.sum_refresh_trigger();

-- rebuild_summaries recomputes every summary from the rows: after loading
-- rows with the triggers off, or to check the upkeep. Run it when no
-- laptop is syncing (hub init does, for an existing hub).
CREATE FUNCTION kynangso.rebuild_summaries() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    TRUNCATE kynangso.sum_canon, kynangso.sum_person, kynangso.sum_person_module, kynangso.sum_person_class,
        kynangso.sum_modules, kynangso.sum_unlinked, kynangso.sum_classes, kynangso.sum_households, kynangso.sum_items;
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

REVOKE ALL ON FUNCTION kynangso.sum_begin(), kynangso.sum_touch(), kynangso.sum_answers(),
    kynangso.sum_add(int), kynangso.sum_recompute(), kynangso.sum_refresh(), kynangso.sum_refresh_trigger(),
    kynangso.rebuild_summaries() FROM PUBLIC;
GRANT SELECT ON kynangso.sum_person, kynangso.sum_modules, kynangso.sum_unlinked, kynangso.sum_classes,
    kynangso.sum_households, kynangso.sum_items TO kynangso_province;

SELECT kynangso.rebuild_summaries();
