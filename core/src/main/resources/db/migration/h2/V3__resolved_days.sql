-- The rules' merged daily values (see the SQLite migration of the same version).

CREATE TABLE resolved_days (
  type_id     INTEGER NOT NULL,
  epoch_day   BIGINT NOT NULL,
  fingerprint VARCHAR NOT NULL,
  result      VARCHAR NOT NULL,
  PRIMARY KEY (type_id, epoch_day)
);

DELETE FROM state WHERE state_key LIKE 'rules.resolved.%';
