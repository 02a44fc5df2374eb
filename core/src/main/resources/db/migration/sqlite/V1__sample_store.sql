-- The sample store (SQLite).
--
-- Samples get sequential row ids, so an import (which arrives in time order) appends to the table
-- instead of touching pages all over it. The natural key is enforced by the store's one writer:
-- samples without an external id are found through the (type, start) index that range queries
-- use anyway; samples with one through a partial unique index that holds only those rows.

CREATE TABLE metric_types (
  id   INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE
);

CREATE TABLE sources (
  id           INTEGER PRIMARY KEY,
  provider     TEXT NOT NULL,
  name         TEXT NOT NULL,
  device_class TEXT NOT NULL,
  UNIQUE (provider, name)
);

CREATE TABLE samples (
  id           INTEGER PRIMARY KEY,
  type_id      INTEGER NOT NULL,
  source_id    INTEGER NOT NULL,
  start_ms     INTEGER NOT NULL,
  start_offset INTEGER NOT NULL,
  end_ms       INTEGER NOT NULL,
  end_offset   INTEGER NOT NULL,
  val          REAL NOT NULL,
  device       TEXT,
  external_id  TEXT,
  metadata     TEXT,
  deleted      INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX samples_type_start ON samples (type_id, start_ms);

CREATE UNIQUE INDEX samples_external_id ON samples (source_id, type_id, external_id)
  WHERE external_id IS NOT NULL;

-- Only tombstones are indexed, so counting them does not scan every sample.
CREATE INDEX samples_tombstones ON samples (deleted) WHERE deleted = 1;

-- Raw daily figures per (type, local day, source), kept current in every write transaction.
CREATE TABLE daily_rollups (
  type_id        INTEGER NOT NULL,
  epoch_day      INTEGER NOT NULL,
  source_id      INTEGER NOT NULL,
  sample_count   INTEGER NOT NULL,
  value_sum      REAL NOT NULL,
  value_min      REAL NOT NULL,
  value_max      REAL NOT NULL,
  first_start_ms INTEGER NOT NULL,
  last_end_ms    INTEGER NOT NULL,
  PRIMARY KEY (type_id, epoch_day, source_id)
) WITHOUT ROWID;

CREATE TABLE state (
  state_key   TEXT PRIMARY KEY,
  state_value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE settings (
  name TEXT PRIMARY KEY,
  val  TEXT NOT NULL
) WITHOUT ROWID;
