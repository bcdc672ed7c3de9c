-- One row per `sync` (or daemon fire): the run that snapshots belong to.
CREATE TABLE run (
  id          INTEGER PRIMARY KEY,
  started_at  TEXT NOT NULL,            -- ISO-8601 UTC
  finished_at TEXT,                     -- NULL while running or after a crash
  version     TEXT NOT NULL             -- llm-catalog version that ran it
);

-- One row per source per run. A snapshot row and all of its values are written in one transaction.
CREATE TABLE snapshot (
  id            INTEGER PRIMARY KEY,    -- global, increasing: orders snapshots of every source
  run_id        INTEGER NOT NULL REFERENCES run(id),
  source        TEXT NOT NULL,
  started_at    TEXT NOT NULL,
  finished_at   TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
  error         TEXT,                   -- why a failed snapshot failed
  data_date     TEXT,                   -- the date the upstream gives its data, when it gives one
  subjects      INTEGER NOT NULL DEFAULT 0,  -- models observed
  missing       INTEGER NOT NULL DEFAULT 0,  -- models the upstream says do not exist
  values_added  INTEGER NOT NULL DEFAULT 0,  -- observation rows this snapshot inserted
  values_closed INTEGER NOT NULL DEFAULT 0   -- observation rows this snapshot ended
);
CREATE INDEX snapshot_by_source ON snapshot(source, status, id);

-- Versioned values: a row holds one value from the snapshot that first saw it up to (not including)
-- the snapshot that saw it change or vanish. An unchanged value is never stored again, and the state
-- of snapshot S of source X is: rows of X with from_snapshot <= S AND (to_snapshot IS NULL OR to_snapshot > S).
CREATE TABLE observation (
  id            INTEGER PRIMARY KEY,
  source        TEXT NOT NULL,
  subject       TEXT NOT NULL,          -- canonical model id (the board's own name when unresolved)
  variant       TEXT NOT NULL DEFAULT '',  -- one of several rows of a model on a board ('' when one)
  key           TEXT NOT NULL,          -- field or canonical metric name
  value         TEXT NOT NULL,          -- canonical text form (metrics: 0-100 where the board is)
  raw           TEXT,                   -- the upstream value as given, when it differs from value
  url           TEXT,                   -- where the value was read
  from_snapshot INTEGER NOT NULL REFERENCES snapshot(id),
  to_snapshot   INTEGER REFERENCES snapshot(id)
);
CREATE UNIQUE INDEX observation_current ON observation(source, subject, variant, key) WHERE to_snapshot IS NULL;
CREATE INDEX observation_by_snapshot ON observation(source, from_snapshot);

-- Models a snapshot asked for that the upstream answered as absent (HTTP 401/404).
CREATE TABLE missing_model (
  snapshot_id INTEGER NOT NULL REFERENCES snapshot(id),
  model_id    TEXT NOT NULL,
  status      INTEGER NOT NULL,
  error_code  TEXT,
  PRIMARY KEY (snapshot_id, model_id)
);

-- Old or alternative ids and the canonical id they resolve to (a 307 rename on the Hub, for example).
CREATE TABLE model_alias (
  alias       TEXT PRIMARY KEY,
  model_id    TEXT NOT NULL,
  snapshot_id INTEGER NOT NULL REFERENCES snapshot(id)
);

-- Board model names a snapshot could not resolve to a Hub id (listed by `llm-catalog models --unresolved`).
CREATE TABLE unresolved_name (
  snapshot_id INTEGER NOT NULL REFERENCES snapshot(id),
  name        TEXT NOT NULL,
  PRIMARY KEY (snapshot_id, name)
);
