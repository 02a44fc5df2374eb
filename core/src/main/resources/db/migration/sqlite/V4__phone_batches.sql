-- Uploads of paired phones (the bridge's anchored HealthKit batches). Samples keep their natural
-- key; these tables add what the phone protocol needs on top of it.

-- The HealthKit UUIDs each sample row was sent under, one row per (UUID, metric type): one
-- HealthKit object may map to several samples of different types (a blood-pressure correlation).
-- A row read from an export adopts the UUID of the phone's copy of the same reading.
CREATE TABLE sample_uuids (
  uuid      TEXT NOT NULL,
  type_id   INTEGER NOT NULL,
  sample_id INTEGER NOT NULL,
  PRIMARY KEY (uuid, type_id)
) WITHOUT ROWID;

CREATE INDEX sample_uuids_sample ON sample_uuids (sample_id);

-- UUIDs the phone reported deleted, kept for good: a deletion wins over an upsert of the same
-- UUID whichever arrives first.
CREATE TABLE uuid_tombstones (
  uuid     TEXT PRIMARY KEY,
  batch_id TEXT NOT NULL
) WITHOUT ROWID;

-- Each batch applied, with the answer it got, so a repeated batch id gets the same answer.
CREATE TABLE phone_batches (
  batch_id           TEXT PRIMARY KEY,
  device_id          TEXT NOT NULL,
  stream             TEXT NOT NULL,
  anchor             TEXT NOT NULL,
  received_ms        INTEGER NOT NULL,
  samples_received   INTEGER NOT NULL,
  deletions_received INTEGER NOT NULL,
  inserted           INTEGER NOT NULL,
  updated            INTEGER NOT NULL,
  unchanged          INTEGER NOT NULL,
  suppressed         INTEGER NOT NULL,
  samples_deleted    INTEGER NOT NULL,
  unmapped           TEXT
) WITHOUT ROWID;

CREATE INDEX phone_batches_device ON phone_batches (device_id, received_ms);

-- The acknowledged anchor of each device's stream.
CREATE TABLE phone_anchors (
  device_id TEXT NOT NULL,
  stream    TEXT NOT NULL,
  anchor    TEXT NOT NULL,
  batch_id  TEXT NOT NULL,
  PRIMARY KEY (device_id, stream)
) WITHOUT ROWID;
