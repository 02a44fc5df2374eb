-- Device descriptions stored once each (see the SQLite migration of the same version).

CREATE TABLE devices (
  id          INTEGER PRIMARY KEY,
  description VARCHAR NOT NULL UNIQUE
);

INSERT INTO devices (id, description)
  SELECT ROW_NUMBER() OVER (ORDER BY device), device
  FROM (SELECT DISTINCT device FROM samples WHERE device IS NOT NULL) AS distinct_devices;

ALTER TABLE samples ADD COLUMN device_id INTEGER;

UPDATE samples SET device_id = (SELECT d.id FROM devices d WHERE d.description = samples.device)
  WHERE device IS NOT NULL;

ALTER TABLE samples DROP COLUMN device;
