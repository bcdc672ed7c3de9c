-- The fetch log stored each URL twice per exchange (as asked and after redirects) plus once more in the
-- (method, url, id) index, and every sync asks for the same URLs: the Hub's list and model-info URLs carry a
-- dozen `expand` parameters (about 400 characters), so the log outgrew the observations it backs. Each distinct
-- URL is now stored once in fetch_url; a log row points at it, and at its final URL only when a redirect led
-- elsewhere. URLs, not (method, URL) pairs: a final URL is where an answer came from, not a request, and a GET
-- and a HEAD of one URL share its row.
-- From V6 on the archive also leaves out two response headers that tell replay and provenance nothing: Date, which
-- changes on every exchange (the upstream's clock; fetched_at is when we read it), and Content-Length when it
-- equals `bytes`. The rows migrated here keep their headers as they were.
CREATE TABLE fetch_url (
  id  INTEGER PRIMARY KEY,
  url TEXT NOT NULL UNIQUE
);

INSERT INTO fetch_url(url)
SELECT url FROM fetch_log
UNION
SELECT final_url FROM fetch_log WHERE final_url <> url;

CREATE TABLE fetch_log_v6 (
  id           INTEGER PRIMARY KEY,
  run_id       INTEGER NOT NULL REFERENCES run(id),
  source       TEXT,                    -- the source that asked (NULL for a fetch outside a source)
  method       TEXT NOT NULL,
  url_id       INTEGER NOT NULL REFERENCES fetch_url(id),  -- as asked for
  final_url_id INTEGER REFERENCES fetch_url(id),           -- after redirects; NULL when there was none
  status       INTEGER NOT NULL,
  etag         TEXT,
  content_type TEXT,
  headers      TEXT NOT NULL,           -- response headers, one "Name: value" a line (no Set-Cookie, Date, and
                                        -- no Content-Length equal to bytes)
  body_sha256  TEXT NOT NULL REFERENCES archive_body(sha256),
  bytes        INTEGER NOT NULL,        -- body size as received
  duration_ms  INTEGER NOT NULL,        -- the call, retries and waits included
  fetched_at   TEXT NOT NULL            -- ISO-8601 UTC
);

-- Ids are kept: the newest answer to a URL is the one with the highest id.
INSERT INTO fetch_log_v6(id, run_id, source, method, url_id, final_url_id, status, etag, content_type, headers,
                         body_sha256, bytes, duration_ms, fetched_at)
SELECT l.id, l.run_id, l.source, l.method, u.id, f.id, l.status, l.etag, l.content_type, l.headers,
       l.body_sha256, l.bytes, l.duration_ms, l.fetched_at
FROM fetch_log l
JOIN fetch_url u ON u.url = l.url
LEFT JOIN fetch_url f ON f.url = l.final_url AND l.final_url <> l.url;

DROP TABLE fetch_log;
ALTER TABLE fetch_log_v6 RENAME TO fetch_log;
-- `sync --offline` asks for the newest answer to (method, url): fetch_url's unique index gives the id, this the row.
CREATE INDEX fetch_log_by_url ON fetch_log(url_id, method, id);
CREATE INDEX fetch_log_by_run ON fetch_log(run_id);
CREATE INDEX fetch_log_by_body ON fetch_log(body_sha256);
