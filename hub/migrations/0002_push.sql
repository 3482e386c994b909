-- kynangso hub schema, version 2: the push a laptop's sync makes, and
-- least privilege.
--
-- A laptop never writes the tables itself during a sync. It calls
-- begin_push(), which makes empty staging tables (pg_temp.s_<table>, with
-- the SQLite columns) that only this session can fill; COPYs its rows into
-- them; and calls apply_push(), which merges them by the rules of
-- docs/merge.md as `kynangso merge` does file by file: the version that
-- wins is kept, the loser is kept in merge_log, new rows are added for the
-- pushing team, and the union's impossible rows are repaired. Both functions
-- run as the schema's owner (SECURITY DEFINER) and take the team from the
-- login role, so a laptop can only ever hand in versions of records; it can
-- delete nothing, and a version of another commune's record is refused.

-- The team and commune of the login role; NULL for roles that are not a
-- laptop (the province, the owner).
CREATE FUNCTION kynangso.my_team() RETURNS int
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
    SELECT id FROM kynangso.teams WHERE role_name = session_user
$$;

CREATE FUNCTION kynangso.my_commune() RETURNS int
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
    SELECT commune_id FROM kynangso.teams WHERE role_name = session_user
$$;

-- whoami names the login's team and commune (NULLs for a login that is
-- not a team's), for the laptop to show.
CREATE FUNCTION kynangso.whoami(OUT team text, OUT commune text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
    SELECT t.name, c.name FROM (SELECT 1) AS one
    LEFT JOIN kynangso.teams AS t ON t.role_name = session_user
    LEFT JOIN kynangso.communes AS c ON c.id = t.commune_id
$$;

-- Every push, for the province's view of which laptop last reported.
CREATE TABLE kynangso.pushes (
    id         bigserial PRIMARY KEY,
    team_id    int NOT NULL,
    device_id  text COLLATE "C" NOT NULL,
    pushed_at  timestamptz NOT NULL DEFAULT now(),
    counts     jsonb NOT NULL
);

CREATE FUNCTION kynangso.begin_push() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    r record;
BEGIN
    IF kynangso.my_team() IS NULL THEN
        RAISE EXCEPTION 'the role % is not a team of this hub', session_user USING ERRCODE = '42501';
    END IF;
    FOR r IN SELECT tbl, cols FROM kynangso.merge_rules ORDER BY ord LOOP
        EXECUTE format('DROP TABLE IF EXISTS pg_temp.%I', 's_' || r.tbl);
        EXECUTE format('CREATE TEMP TABLE %I ON COMMIT DROP AS SELECT %s FROM kynangso.%I WITH NO DATA',
            's_' || r.tbl, (SELECT string_agg(quote_ident(c), ', ') FROM unnest(r.cols) AS c), r.tbl);
        EXECUTE format('GRANT INSERT ON pg_temp.%I TO %I', 's_' || r.tbl, session_user);
    END LOOP;
END $$;

-- stamp is the server's time as the laptops write times.
CREATE FUNCTION kynangso.stamp() RETURNS text
LANGUAGE sql VOLATILE AS $$
    SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;

-- merge_table merges the staged rows of one table: new rows first (a row
-- another push is adding at the same moment makes this wait for it, and is
-- then compared below), then every record present on both sides whose
-- content differs, locked in key order so that concurrent pushes of the
-- same records take turns and each compares with the version the other
-- left.
CREATE FUNCTION kynangso.merge_table(r kynangso.merge_rules, team int, commune int, src text,
    OUT arrived bigint, OUT updated bigint, OUT refused bigint)
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    cl  text := (SELECT string_agg(quote_ident(c), ', ') FROM unnest(r.cols) AS c);
    scl text := (SELECT string_agg('s.' || quote_ident(c), ', ') FROM unnest(r.cols) AS c);
    mcl text := (SELECT string_agg('m.' || quote_ident(c), ', ') FROM unnest(r.cols) AS c);
    kcl text := (SELECT string_agg('m.' || quote_ident(c), ', ') FROM unnest(r.keycols) AS c);
    kj  text := (SELECT string_agg(format('m.%I = s.%I', c, c), ' AND ') FROM unnest(r.keycols) AS c);
    rid text := (SELECT string_agg('m.' || quote_ident(c), ' || ''/'' || ') FROM unnest(r.keycols) AS c);
    stage text := 's_' || r.tbl;
BEGIN
    updated := 0;
    refused := 0;
    EXECUTE format('INSERT INTO kynangso.%I (%s, team_id, commune_id) SELECT %s, $1, $2 FROM pg_temp.%I AS s
        ORDER BY %s ON CONFLICT DO NOTHING', r.tbl, cl, scl, stage,
        (SELECT string_agg('s.' || quote_ident(c), ', ') FROM unnest(r.keycols) AS c)) USING team, commune;
    GET DIAGNOSTICS arrived = ROW_COUNT;
    IF r.beats IS NULL AND r.combine IS NULL THEN
        RETURN; -- merge_log: rows are only ever added
    END IF;
    -- Every staged row was new (the usual first sync): none met a row here
    -- or in a concurrent push on any unique key, so there is nothing to
    -- compare.
    EXECUTE format('SELECT count(*) FROM pg_temp.%I', stage) INTO updated;
    IF updated = arrived THEN
        updated := 0;
        RETURN;
    END IF;
    EXECUTE format('SELECT count(*) FROM (SELECT 1 FROM kynangso.%I AS m JOIN pg_temp.%I AS s ON %s
        WHERE (%s) IS DISTINCT FROM (%s) ORDER BY %s FOR UPDATE OF m) AS x', r.tbl, stage, kj, scl, mcl, kcl)
        INTO updated;
    IF updated = 0 THEN
        RETURN;
    END IF;
    DROP TABLE IF EXISTS pg_temp.conflicts;
    EXECUTE format('CREATE TEMP TABLE conflicts ON COMMIT DROP AS
        SELECT s.*, %s AS row_id, j.sj, j.mj, (m.commune_id = $1 OR m.team_id = $2) AS allowed, %s AS wins, %s AS s_erased, %s AS m_erased
        FROM kynangso.%I AS m JOIN pg_temp.%I AS s ON %s
        CROSS JOIN LATERAL (SELECT kynangso.sqlite_json(to_jsonb(s), $3) AS sj, kynangso.sqlite_json(to_jsonb(m), $3) AS mj) AS j
        WHERE (%s) IS DISTINCT FROM (%s)',
        rid, COALESCE(r.beats, 'false'), COALESCE(replace(r.erased, 'w.', 's.'), 'false'),
        COALESCE(replace(r.erased, 'w.', 'm.'), 'false'), r.tbl, stage, kj, scl, mcl)
        USING commune, team, r.cols;
    SELECT count(*) FILTER (WHERE NOT allowed AND (wins OR r.combine IS NOT NULL)) INTO refused FROM pg_temp.conflicts;
    IF r.combine IS NOT NULL THEN
        EXECUTE format('UPDATE kynangso.%I AS m SET %s, xid = pg_current_xact_id() FROM pg_temp.conflicts AS s
            WHERE %s AND s.allowed', r.tbl, r.combine, kj);
        -- Both versions that differ from the combined one are kept.
        EXECUTE format('INSERT INTO kynangso.merge_log (id, table_name, row_id, winner, loser, source, merged_at,
                device_id, created_at, updated_at, team_id, commune_id)
            SELECT gen_random_uuid()::text, $1, z.row_id, z.nj, v.old, $2, kynangso.stamp(), '''', kynangso.stamp(),
                kynangso.stamp(), $3, $4
            FROM (SELECT s.row_id, s.sj, s.mj, kynangso.sqlite_json(to_jsonb(m), $5) AS nj
                FROM kynangso.%I AS m JOIN pg_temp.conflicts AS s ON %s WHERE s.allowed) AS z
            CROSS JOIN LATERAL (VALUES (z.mj), (z.sj)) AS v(old)
            WHERE v.old <> z.nj AND NOT EXISTS (SELECT 1 FROM kynangso.merge_log AS l
                WHERE l.table_name = $1 AND l.row_id = z.row_id AND l.loser = v.old)', r.tbl, kj)
            USING r.tbl, src, team, commune, r.cols;
        -- Updated: the records whose combined version differs from the
        -- hub's before.
        EXECUTE format('SELECT count(*) FROM kynangso.%I AS m JOIN pg_temp.conflicts AS s ON %s
            WHERE s.allowed AND kynangso.sqlite_json(to_jsonb(m), $1) <> s.mj', r.tbl, kj) INTO updated USING r.cols;
        RETURN;
    END IF;
    EXECUTE format('UPDATE kynangso.%I AS m SET (%s) = (%s), xid = pg_current_xact_id() FROM pg_temp.conflicts AS s
        WHERE %s AND s.wins AND s.allowed', r.tbl, cl, scl, kj);
    GET DIAGNOSTICS updated = ROW_COUNT;
    -- The losing version of every conflict is kept once, unless the winner
    -- is an erased person (the loser holds the data that was erased).
    INSERT INTO kynangso.merge_log (id, table_name, row_id, winner, loser, source, merged_at, device_id,
        created_at, updated_at, team_id, commune_id)
    SELECT gen_random_uuid()::text, r.tbl, c.row_id, CASE WHEN c.wins THEN c.sj ELSE c.mj END,
        CASE WHEN c.wins THEN c.mj ELSE c.sj END, src, kynangso.stamp(), '', kynangso.stamp(), kynangso.stamp(), team, commune
    FROM pg_temp.conflicts AS c
    WHERE c.allowed AND NOT (CASE WHEN c.wins THEN c.s_erased ELSE c.m_erased END)
        AND NOT EXISTS (SELECT 1 FROM kynangso.merge_log AS l WHERE l.table_name = r.tbl AND l.row_id = c.row_id
            AND l.loser = CASE WHEN c.wins THEN c.mj ELSE c.sj END);
END $$;

-- close_extra_open keeps one open class per laptop and one attempt in
-- progress per person, module and laptop, for the groups this push touched:
-- the newest stays open, the others close as of the moment it started
-- (docs/merge.md, "Rows the union would make impossible").
CREATE FUNCTION kynangso.close_extra_open(tbl text) RETURNS bigint
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
            WHERE a.state = 'in_progress' AND a.participant_id IS NOT NULL
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

-- break_circles removes the join out of the smallest id of every circle of
-- joins, as the file merge does, and keeps it in merge_log.
CREATE FUNCTION kynangso.break_circles(team int, commune int, src text) RETURNS bigint
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    n bigint;
BEGIN
    WITH RECURSIVE walk(start, cur) AS (
        SELECT from_id, into_id FROM kynangso.participant_links
        UNION
        SELECT w.start, l.into_id FROM walk AS w JOIN kynangso.participant_links AS l ON l.from_id = w.cur
    ), cut AS (
        SELECT l.id, l.from_id, kynangso.sqlite_json(to_jsonb(l), '{id,from_id,into_id,linked_by,linked_at,device_id,created_at,updated_at}') AS js
        FROM (SELECT DISTINCT start AS id FROM walk WHERE start = cur) AS c
        JOIN kynangso.participant_links AS l ON l.from_id = c.id
        WHERE c.id = (SELECT min(w.cur) FROM walk AS w WHERE w.start = c.id)
    ), gone AS (
        DELETE FROM kynangso.participant_links AS l USING cut WHERE l.id = cut.id RETURNING l.id
    ), logged AS (
        INSERT INTO kynangso.merge_log (id, table_name, row_id, winner, loser, source, merged_at, device_id,
            created_at, updated_at, team_id, commune_id)
        SELECT gen_random_uuid()::text, 'participant_links', cut.from_id,
            '{"removed":"circle of joins; this record is the keeper"}', cut.js, src, kynangso.stamp(), '',
            kynangso.stamp(), kynangso.stamp(), team, commune
        FROM cut WHERE NOT EXISTS (SELECT 1 FROM kynangso.merge_log AS l WHERE l.table_name = 'participant_links'
            AND l.row_id = cut.from_id AND l.loser = cut.js)
    )
    INSERT INTO kynangso.deletions (table_name, row_key) SELECT 'participant_links', id FROM gone;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END $$;

-- apply_erasures makes the hub obey the erasures this push touched, as
-- DeleteParticipantData does: the attempts of an erased person are
-- unlinked, their lesson progress and merge-log copies removed. updated_at
-- is left alone, so the outcome is the same in any order.
CREATE FUNCTION kynangso.apply_erasures() RETURNS bigint
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    a bigint;
    g bigint;
BEGIN
    DROP TABLE IF EXISTS pg_temp.erased;
    CREATE TEMP TABLE erased ON COMMIT DROP AS
    SELECT p.id FROM kynangso.participants AS p
    WHERE p.deleted_at IS NOT NULL AND p.id IN (
        SELECT id FROM pg_temp.s_participants
        UNION SELECT participant_id FROM pg_temp.s_attempts
        UNION SELECT participant_id FROM pg_temp.s_lesson_progress
        UNION SELECT row_id FROM pg_temp.s_merge_log WHERE table_name = 'participants');
    UPDATE kynangso.attempts SET participant_id = NULL, xid = pg_current_xact_id()
    WHERE participant_id IN (SELECT id FROM pg_temp.erased);
    GET DIAGNOSTICS a = ROW_COUNT;
    WITH gone AS (
        DELETE FROM kynangso.lesson_progress WHERE participant_id IN (SELECT id FROM pg_temp.erased)
        RETURNING participant_id || '/' || module_id AS k
    )
    INSERT INTO kynangso.deletions (table_name, row_key) SELECT 'lesson_progress', k FROM gone;
    GET DIAGNOSTICS g = ROW_COUNT;
    DELETE FROM kynangso.merge_log WHERE table_name = 'participants' AND row_id IN (SELECT id FROM pg_temp.erased);
    RETURN a + g;
END $$;

-- apply_push merges everything staged since begin_push, table by table in
-- the order of the foreign keys, then repairs what the union may break, in
-- the order the file merge does. src names the laptop (file merge: the
-- file). It returns what each table brought.
CREATE FUNCTION kynangso.apply_push(src text, device text)
RETURNS TABLE (tbl text, arrived bigint, updated bigint, refused bigint, repaired bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    team    int := kynangso.my_team();
    commune int := kynangso.my_commune();
    r       kynangso.merge_rules;
    m       record;
    summary jsonb := '{}';
BEGIN
    IF team IS NULL THEN
        RAISE EXCEPTION 'the role % is not a team of this hub', session_user USING ERRCODE = '42501';
    END IF;
    FOR r IN SELECT * FROM kynangso.merge_rules ORDER BY ord LOOP
        SELECT * INTO m FROM kynangso.merge_table(r, team, commune, src);
        tbl := r.tbl;
        arrived := m.arrived;
        updated := m.updated;
        refused := m.refused;
        repaired := 0;
        IF r.tbl IN ('class_sessions', 'attempts') THEN
            repaired := kynangso.close_extra_open(r.tbl);
        ELSIF r.tbl = 'participant_links' AND EXISTS (SELECT 1 FROM pg_temp.s_participant_links) THEN
            repaired := kynangso.break_circles(team, commune, src);
        ELSIF r.tbl = 'merge_log' THEN
            repaired := kynangso.apply_erasures();
        END IF;
        summary := summary || jsonb_build_object(r.tbl, jsonb_build_array(arrived, updated, refused, repaired));
        RETURN NEXT;
    END LOOP;
    INSERT INTO kynangso.pushes (team_id, device_id, counts) VALUES (team, device, summary);
END $$;

REVOKE ALL ON FUNCTION kynangso.begin_push(), kynangso.apply_push(text, text),
    kynangso.merge_table(kynangso.merge_rules, int, int, text), kynangso.close_extra_open(text),
    kynangso.break_circles(int, int, text), kynangso.apply_erasures() FROM PUBLIC;

-- Roles. kynangso_laptop is granted to every team's login role, and
-- kynangso_province to the province staff's; they are cluster-wide, so a
-- second hub database on the same server shares them.
DO $$ BEGIN
    CREATE ROLE kynangso_laptop NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
DO $$ BEGIN
    CREATE ROLE kynangso_province NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;

GRANT USAGE ON SCHEMA kynangso TO kynangso_laptop, kynangso_province;
GRANT EXECUTE ON FUNCTION kynangso.begin_push(), kynangso.apply_push(text, text) TO kynangso_laptop;
GRANT SELECT ON kynangso.hub_meta, kynangso.schema_migrations TO kynangso_laptop, kynangso_province;
GRANT SELECT ON ALL TABLES IN SCHEMA kynangso TO kynangso_province;

-- Row-level security: a laptop adds and updates its own team's rows, reads
-- its commune's people and their joins, and nothing else; it holds no
-- DELETE or TRUNCATE privilege at all. The province reads everything.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['devices', 'participants', 'class_sessions', 'attendance', 'lesson_progress',
        'attempts', 'answers', 'participant_links', 'merge_log'] LOOP
        EXECUTE format('ALTER TABLE kynangso.%I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE ON kynangso.%I TO kynangso_laptop', t);
        EXECUTE format('CREATE POLICY team_rows ON kynangso.%I TO kynangso_laptop
            USING (team_id = kynangso.my_team())
            WITH CHECK (team_id = kynangso.my_team() AND commune_id = kynangso.my_commune())', t);
        EXECUTE format('CREATE POLICY province_reads ON kynangso.%I FOR SELECT TO kynangso_province USING (true)', t);
    END LOOP;
END $$;

CREATE POLICY commune_people ON kynangso.participants FOR SELECT TO kynangso_laptop
    USING (commune_id = kynangso.my_commune());
CREATE POLICY commune_joins ON kynangso.participant_links FOR SELECT TO kynangso_laptop
    USING (EXISTS (SELECT 1 FROM kynangso.participants AS p WHERE p.id IN (from_id, into_id)
        AND p.commune_id = kynangso.my_commune()));
