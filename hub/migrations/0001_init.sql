-- kynangso hub schema, version 1: the province's copy of every laptop's
-- results, merged by the same rules as `kynangso merge` (docs/merge.md),
-- and the roles that limit what each laptop may see and write.
--
-- Conventions:
--  * The content tables mirror the laptops' SQLite tables column for
--    column, with the same values: ids and times are text (UTC,
--    'YYYY-MM-DDTHH:MM:SS.mmmZ', so text order is time order), booleans
--    0/1, lists JSON text. Every text column compares bytewise (COLLATE
--    "C"), as SQLite does, so "newest wins" and the JSON tie-break pick the
--    same version here as on a laptop.
--  * Hub columns: team_id and commune_id say which team's laptop first sent
--    the row (row-level security reads them); xid is the transaction that
--    last wrote the row, the server's change sequence. Laptops pull what
--    changed after a snapshot's xmin, never by their own clocks.
--  * Rows are never deleted by laptops. The merge rules delete only what a
--    laptop's merge deletes (the lesson progress of an erased person, a join
--    that closes a circle); each deletion is kept in deletions so that
--    copies of the hub (report mirrors) can follow.

CREATE SCHEMA kynangso;

CREATE TABLE kynangso.hub_meta (
    key   text COLLATE "C" PRIMARY KEY,
    value text NOT NULL
);
INSERT INTO kynangso.hub_meta (key, value) VALUES ('hub_id', gen_random_uuid()::text);

CREATE TABLE kynangso.communes (
    id   serial PRIMARY KEY,
    name text NOT NULL UNIQUE
);

-- One row per laptop login: the PostgreSQL role a team's laptops connect
-- as, and the commune the team works in.
CREATE TABLE kynangso.teams (
    id         serial PRIMARY KEY,
    role_name  name NOT NULL UNIQUE,
    name       text NOT NULL,
    commune_id int NOT NULL REFERENCES kynangso.communes (id)
);

CREATE TABLE kynangso.devices (
    id         text COLLATE "C" PRIMARY KEY,
    name       text COLLATE "C" NOT NULL DEFAULT '',
    device_id  text COLLATE "C" NOT NULL,
    created_at text COLLATE "C" NOT NULL,
    updated_at text COLLATE "C" NOT NULL,
    team_id    int NOT NULL,
    commune_id int NOT NULL,
    xid        xid8 NOT NULL DEFAULT pg_current_xact_id()
);

CREATE TABLE kynangso.participants (
    id              text COLLATE "C" PRIMARY KEY,
    full_name       text COLLATE "C" NOT NULL DEFAULT '',
    search_key      text COLLATE "C" NOT NULL DEFAULT '',
    birth_year      bigint NOT NULL DEFAULT 0,
    gender          text COLLATE "C" NOT NULL DEFAULT '',
    village         text COLLATE "C" NOT NULL DEFAULT '',
    household       text COLLATE "C" NOT NULL DEFAULT '',
    phone           text COLLATE "C" NOT NULL DEFAULT '',
    consent_version text COLLATE "C" NOT NULL DEFAULT '',
    consent_at      text COLLATE "C",
    anonymous       bigint NOT NULL DEFAULT 0,
    deleted_at      text COLLATE "C",
    device_id       text COLLATE "C" NOT NULL,
    created_at      text COLLATE "C" NOT NULL,
    updated_at      text COLLATE "C" NOT NULL,
    team_id         int NOT NULL,
    commune_id      int NOT NULL,
    xid             xid8 NOT NULL DEFAULT pg_current_xact_id()
);
-- A laptop pulls its commune's people changed since its last pull.
CREATE INDEX participants_pull ON kynangso.participants (commune_id, xid);

CREATE TABLE kynangso.class_sessions (
    id              text COLLATE "C" PRIMARY KEY,
    title           text COLLATE "C" NOT NULL DEFAULT '',
    date            text COLLATE "C" NOT NULL DEFAULT '',
    commune         text COLLATE "C" NOT NULL DEFAULT '',
    villages        text COLLATE "C" NOT NULL DEFAULT '[]',
    trainers        text COLLATE "C" NOT NULL DEFAULT '[]',
    planned_modules text COLLATE "C" NOT NULL DEFAULT '[]',
    opened_at       text COLLATE "C" NOT NULL,
    closed_at       text COLLATE "C",
    device_id       text COLLATE "C" NOT NULL,
    created_at      text COLLATE "C" NOT NULL,
    updated_at      text COLLATE "C" NOT NULL,
    team_id         int NOT NULL,
    commune_id      int NOT NULL,
    xid             xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX class_sessions_open ON kynangso.class_sessions (device_id) WHERE closed_at IS NULL;

CREATE TABLE kynangso.attendance (
    id             text COLLATE "C" PRIMARY KEY,
    session_id     text COLLATE "C" NOT NULL REFERENCES kynangso.class_sessions (id),
    participant_id text COLLATE "C" NOT NULL REFERENCES kynangso.participants (id),
    checked_in_at  text COLLATE "C" NOT NULL,
    device_id      text COLLATE "C" NOT NULL,
    created_at     text COLLATE "C" NOT NULL,
    updated_at     text COLLATE "C" NOT NULL,
    team_id        int NOT NULL,
    commune_id     int NOT NULL,
    xid            xid8 NOT NULL DEFAULT pg_current_xact_id(),
    UNIQUE (session_id, participant_id)
);
CREATE INDEX attendance_participant ON kynangso.attendance (participant_id);

CREATE TABLE kynangso.lesson_progress (
    participant_id text COLLATE "C" NOT NULL REFERENCES kynangso.participants (id),
    module_id      text COLLATE "C" NOT NULL,
    last_page      bigint NOT NULL,
    page_count     bigint NOT NULL,
    completed_at   text COLLATE "C",
    device_id      text COLLATE "C" NOT NULL,
    created_at     text COLLATE "C" NOT NULL,
    updated_at     text COLLATE "C" NOT NULL,
    team_id        int NOT NULL,
    commune_id     int NOT NULL,
    xid            xid8 NOT NULL DEFAULT pg_current_xact_id(),
    PRIMARY KEY (participant_id, module_id)
);

CREATE TABLE kynangso.attempts (
    id             text COLLATE "C" PRIMARY KEY,
    participant_id text COLLATE "C" REFERENCES kynangso.participants (id),
    session_id     text COLLATE "C" REFERENCES kynangso.class_sessions (id),
    module_id      text COLLATE "C" NOT NULL,
    pack_version   text COLLATE "C" NOT NULL DEFAULT '',
    seed           bigint NOT NULL DEFAULT 0,
    question_ids   text COLLATE "C" NOT NULL DEFAULT '[]',
    state          text COLLATE "C" NOT NULL,
    started_at     text COLLATE "C" NOT NULL,
    finished_at    text COLLATE "C",
    score          bigint NOT NULL DEFAULT 0,
    max_score      bigint NOT NULL DEFAULT 0,
    passed         bigint NOT NULL DEFAULT 0,
    device_id      text COLLATE "C" NOT NULL,
    created_at     text COLLATE "C" NOT NULL,
    updated_at     text COLLATE "C" NOT NULL,
    team_id        int NOT NULL,
    commune_id     int NOT NULL,
    xid            xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX attempts_participant ON kynangso.attempts (participant_id, module_id, device_id);

CREATE TABLE kynangso.answers (
    id          text COLLATE "C" PRIMARY KEY,
    attempt_id  text COLLATE "C" NOT NULL REFERENCES kynangso.attempts (id),
    question_id text COLLATE "C" NOT NULL,
    chosen      text COLLATE "C" NOT NULL DEFAULT '[]',
    correct     bigint NOT NULL DEFAULT 0,
    answered_at text COLLATE "C" NOT NULL,
    millis      bigint NOT NULL DEFAULT 0,
    device_id   text COLLATE "C" NOT NULL,
    created_at  text COLLATE "C" NOT NULL,
    updated_at  text COLLATE "C" NOT NULL,
    team_id     int NOT NULL,
    commune_id  int NOT NULL,
    xid         xid8 NOT NULL DEFAULT pg_current_xact_id(),
    UNIQUE (attempt_id, question_id)
);

CREATE TABLE kynangso.participant_links (
    id         text COLLATE "C" PRIMARY KEY,
    from_id    text COLLATE "C" NOT NULL UNIQUE REFERENCES kynangso.participants (id),
    into_id    text COLLATE "C" NOT NULL REFERENCES kynangso.participants (id),
    linked_by  text COLLATE "C" NOT NULL DEFAULT '',
    linked_at  text COLLATE "C" NOT NULL,
    device_id  text COLLATE "C" NOT NULL,
    created_at text COLLATE "C" NOT NULL,
    updated_at text COLLATE "C" NOT NULL,
    team_id    int NOT NULL,
    commune_id int NOT NULL,
    xid        xid8 NOT NULL DEFAULT pg_current_xact_id(),
    CHECK (from_id <> into_id)
);
CREATE INDEX participant_links_into ON kynangso.participant_links (into_id);

CREATE TABLE kynangso.merge_log (
    id         text COLLATE "C" PRIMARY KEY,
    table_name text COLLATE "C" NOT NULL,
    row_id     text COLLATE "C" NOT NULL,
    winner     text COLLATE "C" NOT NULL,
    loser      text COLLATE "C" NOT NULL,
    source     text COLLATE "C" NOT NULL DEFAULT '',
    merged_at  text COLLATE "C" NOT NULL,
    device_id  text COLLATE "C" NOT NULL,
    created_at text COLLATE "C" NOT NULL,
    updated_at text COLLATE "C" NOT NULL,
    team_id    int NOT NULL,
    commune_id int NOT NULL,
    xid        xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX merge_log_row ON kynangso.merge_log (table_name, row_id);

-- What the merge rules deleted, so that a copy of the hub can delete it too.
CREATE TABLE kynangso.deletions (
    table_name text COLLATE "C" NOT NULL,
    row_key    text COLLATE "C" NOT NULL, -- the id, or the natural key joined by '/'
    xid        xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX deletions_xid ON kynangso.deletions (xid);

-- One row per merged table: its SQLite columns in schema order (the
-- canonical JSON of docs/merge.md lists them in this order), the columns
-- that make two versions "the same record", and the rule that picks the
-- version kept. The push function builds its statements from these rows.
CREATE TABLE kynangso.merge_rules (
    ord     int PRIMARY KEY,
    tbl     text NOT NULL UNIQUE,
    cols    text[] NOT NULL,
    keycols text[] NOT NULL,
    -- beats: true when the pushed version s wins over the hub's m; sj and mj
    -- are their canonical JSON texts (the last tie-break).
    beats   text,
    -- combine: SET list merging s into m field by field (lesson progress).
    combine text,
    -- erased: condition on the winner w under which the loser holds erased
    -- personal data and is not logged.
    erased  text
);

INSERT INTO kynangso.merge_rules (ord, tbl, cols, keycols, beats, combine, erased) VALUES
(1, 'devices', '{id,name,device_id,created_at,updated_at}', '{id}',
    '(s.updated_at, sj COLLATE "C") > (m.updated_at, mj COLLATE "C")', NULL, NULL),
(2, 'participants', '{id,full_name,search_key,birth_year,gender,village,household,phone,consent_version,consent_at,anonymous,deleted_at,device_id,created_at,updated_at}', '{id}',
    '(s.deleted_at IS NOT NULL, s.updated_at, sj COLLATE "C") > (m.deleted_at IS NOT NULL, m.updated_at, mj COLLATE "C")', NULL,
    'w.deleted_at IS NOT NULL'),
(3, 'class_sessions', '{id,title,date,commune,villages,trainers,planned_modules,opened_at,closed_at,device_id,created_at,updated_at}', '{id}',
    '(s.updated_at, sj COLLATE "C") > (m.updated_at, mj COLLATE "C")', NULL, NULL),
(4, 'attendance', '{id,session_id,participant_id,checked_in_at,device_id,created_at,updated_at}', '{session_id,participant_id}',
    '(m.checked_in_at, s.updated_at, sj COLLATE "C") > (s.checked_in_at, m.updated_at, mj COLLATE "C")', NULL, NULL),
(5, 'lesson_progress', '{participant_id,module_id,last_page,page_count,completed_at,device_id,created_at,updated_at}', '{participant_id,module_id}',
    NULL,
    'last_page = greatest(m.last_page, s.last_page), page_count = greatest(m.page_count, s.page_count),
     completed_at = CASE WHEN m.completed_at IS NULL THEN s.completed_at WHEN s.completed_at IS NULL THEN m.completed_at
        ELSE least(m.completed_at, s.completed_at) END,
     device_id = CASE WHEN (s.updated_at, s.device_id) > (m.updated_at, m.device_id) THEN s.device_id ELSE m.device_id END,
     created_at = least(m.created_at, s.created_at), updated_at = greatest(m.updated_at, s.updated_at)', NULL),
(6, 'attempts', '{id,participant_id,session_id,module_id,pack_version,seed,question_ids,state,started_at,finished_at,score,max_score,passed,device_id,created_at,updated_at}', '{id}',
    '(s.updated_at, sj COLLATE "C") > (m.updated_at, mj COLLATE "C")', NULL, NULL),
(7, 'answers', '{id,attempt_id,question_id,chosen,correct,answered_at,millis,device_id,created_at,updated_at}', '{attempt_id,question_id}',
    '(m.answered_at, s.updated_at, sj COLLATE "C") > (s.answered_at, m.updated_at, mj COLLATE "C")', NULL, NULL),
(8, 'participant_links', '{id,from_id,into_id,linked_by,linked_at,device_id,created_at,updated_at}', '{from_id}',
    '(s.updated_at, sj COLLATE "C") > (m.updated_at, mj COLLATE "C")', NULL, NULL),
(9, 'merge_log', '{id,table_name,row_id,winner,loser,source,merged_at,device_id,created_at,updated_at}', '{id}',
    NULL, NULL, NULL);

-- sqlite_json is the canonical JSON text of a row as SQLite's json_object
-- writes it (docs/merge.md): the columns in order, no spaces, strings
-- escaped as SQLite escapes them (PostgreSQL's escaping of " \ and control
-- characters is the same), integers as digits, NULL as null.
CREATE FUNCTION kynangso.sqlite_json(r jsonb, cols text[]) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT '{' || string_agg('"' || c || '":' || COALESCE((r -> c)::text, 'null'), ',' ORDER BY i) || '}'
    FROM unnest(cols) WITH ORDINALITY AS u(c, i)
$$;

-- Copies of the hub (report mirrors) and laptops read what changed after a
-- watermark: the change sequence grows like a serial, so these indexes only
-- ever append.
CREATE INDEX devices_xid ON kynangso.devices (xid);
CREATE INDEX participants_xid ON kynangso.participants (xid);
CREATE INDEX class_sessions_xid ON kynangso.class_sessions (xid);
CREATE INDEX attendance_xid ON kynangso.attendance (xid);
CREATE INDEX lesson_progress_xid ON kynangso.lesson_progress (xid);
CREATE INDEX attempts_xid ON kynangso.attempts (xid);
CREATE INDEX answers_xid ON kynangso.answers (xid);
CREATE INDEX participant_links_xid ON kynangso.participant_links (xid);
