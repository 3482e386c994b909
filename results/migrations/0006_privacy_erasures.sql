-- kynangso results schema, version 6: a record of every erasure of a
-- person's data (Law 91/2025), so that it is provable that each one
-- finished. An erasure is committed at once, but its bytes leave the
-- database file only when SQLite can checkpoint the write-ahead log, which
-- a long read (a report running) holds back. completed_at is set when a
-- checkpoint has moved every page out of the log; until then the app
-- retries (at once in the background, and at every start) and says that
-- erasing will finish when the other work ends.
-- participant_id is the erased record's id: a random UUID that names no
-- one once the record is a tombstone. The table belongs to this laptop:
-- merges never copy it (each laptop finishes its own erasures).
CREATE TABLE privacy_erasures (
    id             TEXT PRIMARY KEY,
    participant_id TEXT NOT NULL,
    requested_at   TEXT NOT NULL,
    completed_at   TEXT
) WITHOUT ROWID;

CREATE INDEX privacy_erasures_pending ON privacy_erasures (completed_at) WHERE completed_at IS NULL;
