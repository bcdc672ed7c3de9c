-- What `llm-catalog status` reads about the daemon: who runs it, whether it is alive, when each source runs next.
-- One row: a lock file beside the database keeps a second daemon from starting.
CREATE TABLE daemon (
  id                INTEGER PRIMARY KEY CHECK (id = 1),
  pid               INTEGER NOT NULL,
  host              TEXT NOT NULL,
  started_at        TEXT NOT NULL,    -- ISO-8601 UTC
  heartbeat_at      TEXT NOT NULL,    -- renewed every heartbeat_seconds while the daemon runs
  heartbeat_seconds INTEGER NOT NULL,
  stopped_at        TEXT              -- set by a clean stop; NULL while running or after a crash
);

-- The daemon's schedule per source, rewritten at start and after each job.
CREATE TABLE daemon_schedule (
  source       TEXT PRIMARY KEY,
  cron         TEXT NOT NULL,
  next_fire_at TEXT                   -- NULL once the daemon stopped
);
