-- kynangso results schema, version 7: reserved for another branch's
-- migration. This placeholder changes nothing; it exists only because the
-- loader wants the numbers without gaps and the seats table (0008) was
-- written first. When the real 0007 is merged, this file goes.
SELECT 1;
