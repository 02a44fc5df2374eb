-- Device descriptions stored once each (Apple's average ~90 bytes and repeat on millions of
-- samples); samples refer to them by id, which halves the size of an imported sample row.

CREATE TABLE devices (
  id          INTEGER PRIMARY KEY,
  description TEXT NOT NULL UNIQUE
);

INSERT INTO devices (id, description)
  SELECT ROW_NUMBER() OVER (ORDER BY device), device
  FROM (SELECT DISTINCT device FROM samples WHERE device IS NOT NULL) AS distinct_devices;

ALTER TABLE samples ADD COLUMN device_id INTEGER;

UPDATE samples SET device_id = (SELECT d.id FROM devices d WHERE d.description = samples.device)
  WHERE device IS NOT NULL;

ALTER TABLE samples DROP COLUMN device;
