-- kynangso results schema, version 1.
--
-- Conventions (chosen so databases from several laptops merge cleanly):
--  * Primary keys are UUIDv7 text ids (time-ordered, made on any laptop
--    without coordination, so they never collide), except where a natural
--    key is clearer: lesson_progress (participant_id, module_id), settings
--    and meta (key), schema_migrations (version).
--  * Every merged row carries device_id (the laptop that created it: the
--    devices.id kept in meta), created_at and updated_at. Times are UTC text
--    with fixed-width milliseconds, 'YYYY-MM-DDTHH:MM:SS.mmmZ', so text order
--    is time order and merges can apply "newest updated_at wins" by comparing
--    text. A time that has not happened yet (closed_at, finished_at,
--    completed_at, deleted_at, consent_at of an anonymous person) is NULL.
--  * device_id is deliberately not a foreign key: a merged row may come from
--    a laptop whose devices row has not arrived.
--  * Lists (villages, trainers, planned modules, question ids in shown order,
--    chosen choice ids sorted) are JSON arrays of strings; booleans are 0/1.
--  * Privacy delete (Law 91/2025) keeps the participants row as a tombstone:
--    every personal field emptied, deleted_at set, anonymous = 1. Attendance
--    rows keep pointing at the tombstone (head counts stay right, nothing
--    personal remains); attempts are unlinked (participant_id NULL) and kept
--    as anonymous so module totals stay right; lesson progress is deleted.
--  * settings and meta belong to this laptop only and are never merged.
--  * participant_links joins two records of the same person (from_id is the
--    record joined away, into_id the one kept); a record is joined away at
--    most once. merge_log keeps the losing side of every conflict a merge
--    resolved, as JSON, so nothing is silently dropped.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE devices (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL DEFAULT '',
    device_id  TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE participants (
    id              TEXT PRIMARY KEY,
    full_name       TEXT NOT NULL DEFAULT '',
    search_key      TEXT NOT NULL DEFAULT '',
    birth_year      INTEGER NOT NULL DEFAULT 0
                    CHECK (birth_year = 0 OR birth_year BETWEEN 1900 AND 2100),
    gender          TEXT NOT NULL DEFAULT '' CHECK (gender IN ('', 'nam', 'nu', 'khac')),
    village         TEXT NOT NULL DEFAULT '',
    household       TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    consent_version TEXT NOT NULL DEFAULT '',
    consent_at      TEXT,
    anonymous       INTEGER NOT NULL DEFAULT 0 CHECK (anonymous IN (0, 1)),
    deleted_at      TEXT,
    device_id       TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

CREATE TABLE class_sessions (
    id              TEXT PRIMARY KEY,
    title           TEXT NOT NULL DEFAULT '',
    date            TEXT NOT NULL DEFAULT '',
    commune         TEXT NOT NULL DEFAULT '',
    villages        TEXT NOT NULL DEFAULT '[]',
    trainers        TEXT NOT NULL DEFAULT '[]',
    planned_modules TEXT NOT NULL DEFAULT '[]',
    opened_at       TEXT NOT NULL,
    closed_at       TEXT,
    device_id       TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

-- One open class per laptop; classes merged from other laptops do not count.
CREATE UNIQUE INDEX class_sessions_one_open ON class_sessions (device_id)
    WHERE closed_at IS NULL;

CREATE TABLE attendance (
    id             TEXT PRIMARY KEY,
    session_id     TEXT NOT NULL REFERENCES class_sessions (id),
    participant_id TEXT NOT NULL REFERENCES participants (id),
    checked_in_at  TEXT NOT NULL,
    device_id      TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    UNIQUE (session_id, participant_id)
);

CREATE TABLE lesson_progress (
    participant_id TEXT NOT NULL REFERENCES participants (id),
    module_id      TEXT NOT NULL,
    last_page      INTEGER NOT NULL CHECK (last_page >= 0),
    page_count     INTEGER NOT NULL CHECK (page_count >= 0),
    completed_at   TEXT,
    device_id      TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    PRIMARY KEY (participant_id, module_id)
) WITHOUT ROWID;

CREATE TABLE attempts (
    id             TEXT PRIMARY KEY,
    participant_id TEXT REFERENCES participants (id),
    session_id     TEXT REFERENCES class_sessions (id),
    module_id      TEXT NOT NULL,
    pack_version   TEXT NOT NULL DEFAULT '',
    seed           INTEGER NOT NULL DEFAULT 0, -- the uint64 seed's bits as int64
    question_ids   TEXT NOT NULL DEFAULT '[]',
    state          TEXT NOT NULL CHECK (state IN ('in_progress', 'finished', 'abandoned')),
    started_at     TEXT NOT NULL,
    finished_at    TEXT,
    score          INTEGER NOT NULL DEFAULT 0,
    max_score      INTEGER NOT NULL DEFAULT 0,
    passed         INTEGER NOT NULL DEFAULT 0 CHECK (passed IN (0, 1)),
    device_id      TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);

-- Resume: at most one in-progress attempt per person and module on each
-- laptop (device_id is part of the key so merging two laptops that each hold
-- an unfinished attempt never violates it). Anonymous attempts never conflict.
CREATE UNIQUE INDEX attempts_one_in_progress
    ON attempts (participant_id, module_id, device_id)
    WHERE state = 'in_progress' AND participant_id IS NOT NULL;

CREATE TABLE answers (
    id          TEXT PRIMARY KEY,
    attempt_id  TEXT NOT NULL REFERENCES attempts (id),
    question_id TEXT NOT NULL,
    chosen      TEXT NOT NULL DEFAULT '[]',
    correct     INTEGER NOT NULL DEFAULT 0 CHECK (correct IN (0, 1)),
    answered_at TEXT NOT NULL,
    millis      INTEGER NOT NULL DEFAULT 0,
    device_id   TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (attempt_id, question_id)
);

CREATE TABLE participant_links (
    id         TEXT PRIMARY KEY,
    from_id    TEXT NOT NULL UNIQUE REFERENCES participants (id),
    into_id    TEXT NOT NULL REFERENCES participants (id),
    linked_by  TEXT NOT NULL DEFAULT '',
    linked_at  TEXT NOT NULL,
    device_id  TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (from_id <> into_id)
);

CREATE TABLE merge_log (
    id         TEXT PRIMARY KEY,
    table_name TEXT NOT NULL,
    row_id     TEXT NOT NULL,
    winner     TEXT NOT NULL, -- JSON object of the row kept
    loser      TEXT NOT NULL, -- JSON object of the row replaced
    source     TEXT NOT NULL DEFAULT '', -- file or device the other side came from
    merged_at  TEXT NOT NULL,
    device_id  TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
