-- kynangso results schema, version 2: indexes for search, reports and merge.

-- Search scans this small covering index instead of the whole table; only
-- people who can be found (not anonymous, not deleted) are in it.
CREATE INDEX participants_search ON participants (search_key, id)
    WHERE anonymous = 0 AND deleted_at IS NULL;
CREATE INDEX participants_village ON participants (village, household);

CREATE INDEX attempts_module ON attempts (module_id, state);
CREATE INDEX attempts_participant ON attempts (participant_id, started_at);
CREATE INDEX attempts_session ON attempts (session_id);

CREATE INDEX answers_question ON answers (question_id, correct);

CREATE INDEX attendance_participant ON attendance (participant_id);
CREATE INDEX participant_links_into ON participant_links (into_id);
CREATE INDEX merge_log_row ON merge_log (table_name, row_id);
