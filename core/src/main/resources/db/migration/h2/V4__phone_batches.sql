-- Uploads of paired phones (see the SQLite migration of the same version).

CREATE TABLE sample_uuids (
  uuid      VARCHAR(36) NOT NULL,
  type_id   INTEGER NOT NULL,
  sample_id BIGINT NOT NULL,
  PRIMARY KEY (uuid, type_id)
);

CREATE INDEX sample_uuids_sample ON sample_uuids (sample_id);

CREATE TABLE uuid_tombstones (
  uuid     VARCHAR(36) PRIMARY KEY,
  batch_id VARCHAR(36) NOT NULL
);

CREATE TABLE phone_batches (
  batch_id           VARCHAR(36) PRIMARY KEY,
  device_id          VARCHAR(200) NOT NULL,
  stream             VARCHAR(200) NOT NULL,
  anchor             VARCHAR NOT NULL,
  received_ms        BIGINT NOT NULL,
  samples_received   INTEGER NOT NULL,
  deletions_received INTEGER NOT NULL,
  inserted           INTEGER NOT NULL,
  updated            INTEGER NOT NULL,
  unchanged          INTEGER NOT NULL,
  suppressed         INTEGER NOT NULL,
  samples_deleted    INTEGER NOT NULL,
  unmapped           VARCHAR
);

CREATE INDEX phone_batches_device ON phone_batches (device_id, received_ms);

CREATE TABLE phone_anchors (
  device_id VARCHAR(200) NOT NULL,
  stream    VARCHAR(200) NOT NULL,
  anchor    VARCHAR NOT NULL,
  batch_id  VARCHAR(36) NOT NULL,
  PRIMARY KEY (device_id, stream)
);
