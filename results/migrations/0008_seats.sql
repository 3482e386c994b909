-- kynangso results schema, version 8: where each person sits in a class,
-- the laptop's keyboard or a phone on the local Wi-Fi (issue 15), and when
-- they ended their turn. The trainer's live dashboard shows it ("điện
-- thoại", "đã về 10:42"); nothing else reads it.
-- One row per class and person, rewritten at each check-in: the seat is the
-- one used last. left_at is set when the person finishes their turn and
-- cleared when they check in again.
-- The table belongs to this laptop: merges never copy it (where a person
-- sat on another laptop's evening says nothing to this one), and it holds
-- no personal field, only the two ids.
CREATE TABLE seats (
    session_id     TEXT NOT NULL,
    participant_id TEXT NOT NULL,
    seat           TEXT NOT NULL CHECK (seat IN ('laptop', 'phone')),
    arrived_at     TEXT NOT NULL,
    left_at        TEXT,
    PRIMARY KEY (session_id, participant_id)
) WITHOUT ROWID;
