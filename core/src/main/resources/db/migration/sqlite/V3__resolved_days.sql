-- The rules' merged daily values, kept so that a dashboard reads them instead of resolving them
-- again: one row per metric and local day, with the fingerprint of everything the value was
-- computed from (the inputs' rollups, the source order, the day boundaries, the rule code) and the
-- value itself as JSON. A table of its own rather than state rows: the state table holds what must
-- not be lost (cursors, preferences); this is a cache that can always be computed again.
CREATE TABLE resolved_days (
  type_id     INTEGER NOT NULL,
  epoch_day   INTEGER NOT NULL,
  fingerprint TEXT NOT NULL,
  result      TEXT NOT NULL,
  PRIMARY KEY (type_id, epoch_day)
) WITHOUT ROWID;

-- Where they were kept until now; they are resolved again on first read.
DELETE FROM state WHERE state_key LIKE 'rules.resolved.%';
