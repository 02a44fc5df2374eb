-- Records of types the metric catalog does not know yet, kept as the source wrote them (type
-- identifier, unit and value as text) so that nothing is dropped, and turned into samples when a
-- later version maps their type (docs/decisions/0008-unknown-types.md). A table of their own, not
-- rows of samples: the rules, rollups and dashboards only ever see catalog metrics.
CREATE TABLE other_samples (
  source_id    INTEGER NOT NULL,
  type         VARCHAR NOT NULL,
  natural_key  VARCHAR NOT NULL,
  unit         VARCHAR,
  start_ms     BIGINT NOT NULL,
  start_offset INTEGER NOT NULL,
  end_ms       BIGINT NOT NULL,
  end_offset   INTEGER NOT NULL,
  val          VARCHAR,
  device_id    INTEGER,
  external_id  VARCHAR,
  metadata     VARCHAR,
  PRIMARY KEY (source_id, type, natural_key)
);
