-- The sample store (H2); the same layout as the SQLite one (see there). H2 has no partial
-- indexes; its unique indexes let any number of rows have a null external id.

CREATE TABLE metric_types (
  id   INTEGER PRIMARY KEY,
  code VARCHAR(100) NOT NULL UNIQUE
);

CREATE TABLE sources (
  id           INTEGER PRIMARY KEY,
  provider     VARCHAR(200) NOT NULL,
  name         VARCHAR(1000) NOT NULL,
  device_class VARCHAR(20) NOT NULL,
  UNIQUE (provider, name)
);

CREATE TABLE samples (
  id           BIGINT PRIMARY KEY,
  type_id      INTEGER NOT NULL,
  source_id    INTEGER NOT NULL,
  start_ms     BIGINT NOT NULL,
  start_offset INTEGER NOT NULL,
  end_ms       BIGINT NOT NULL,
  end_offset   INTEGER NOT NULL,
  val          DOUBLE PRECISION NOT NULL,
  device       VARCHAR,
  external_id  VARCHAR,
  metadata     VARCHAR,
  deleted      TINYINT DEFAULT 0 NOT NULL
);

CREATE INDEX samples_type_start ON samples (type_id, start_ms);

CREATE UNIQUE INDEX samples_external_id ON samples (source_id, type_id, external_id);

-- Raw daily figures per (type, local day, source), kept current in every write transaction.
CREATE TABLE daily_rollups (
  type_id        INTEGER NOT NULL,
  epoch_day      BIGINT NOT NULL,
  source_id      INTEGER NOT NULL,
  sample_count   BIGINT NOT NULL,
  value_sum      DOUBLE PRECISION NOT NULL,
  value_min      DOUBLE PRECISION NOT NULL,
  value_max      DOUBLE PRECISION NOT NULL,
  first_start_ms BIGINT NOT NULL,
  last_end_ms    BIGINT NOT NULL,
  PRIMARY KEY (type_id, epoch_day, source_id)
);

CREATE TABLE state (
  state_key   VARCHAR(1000) PRIMARY KEY,
  state_value VARCHAR NOT NULL
);

CREATE TABLE settings (
  name VARCHAR(200) PRIMARY KEY,
  val  VARCHAR NOT NULL
);
