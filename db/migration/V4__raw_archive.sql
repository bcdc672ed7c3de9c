-- The raw archive: every response body a sync read, stored once (content-addressed by the SHA-256 of the
-- body as received, gzip-compressed), and one log row per exchange. `sync --offline` replays the newest
-- answer per URL; `gc --keep N` deletes log rows of older fetching runs and bodies no row references.
-- Request headers (so the Hub token) are never stored.
CREATE TABLE archive_body (
  sha256 TEXT PRIMARY KEY,              -- hex SHA-256 of the uncompressed body
  bytes  INTEGER NOT NULL,              -- uncompressed size
  gzip   BLOB NOT NULL                  -- the body, gzip-compressed
);

CREATE TABLE fetch_log (
  id           INTEGER PRIMARY KEY,
  run_id       INTEGER NOT NULL REFERENCES run(id),
  source       TEXT,                    -- the source that asked (NULL for a fetch outside a source)
  method       TEXT NOT NULL,
  url          TEXT NOT NULL,           -- as asked for
  final_url    TEXT NOT NULL,           -- after redirects
  status       INTEGER NOT NULL,
  etag         TEXT,
  content_type TEXT,
  headers      TEXT NOT NULL,           -- response headers, one "Name: value" a line (Set-Cookie left out)
  body_sha256  TEXT NOT NULL REFERENCES archive_body(sha256),
  bytes        INTEGER NOT NULL,        -- body size as received
  duration_ms  INTEGER NOT NULL,        -- the call, retries and waits included
  fetched_at   TEXT NOT NULL            -- ISO-8601 UTC
);
CREATE INDEX fetch_log_by_url ON fetch_log(method, url, id);
CREATE INDEX fetch_log_by_run ON fetch_log(run_id);
CREATE INDEX fetch_log_by_body ON fetch_log(body_sha256);
