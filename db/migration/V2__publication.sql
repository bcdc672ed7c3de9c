-- What readers saw: each `llm-catalog publish` records the catalog text as reviewed and the run it reflects.
CREATE TABLE publication (
  id           INTEGER PRIMARY KEY,
  run_id       INTEGER NOT NULL REFERENCES run(id),
  published_at TEXT NOT NULL,
  path         TEXT NOT NULL,
  catalog      TEXT NOT NULL            -- the published markdown, byte for byte
);
