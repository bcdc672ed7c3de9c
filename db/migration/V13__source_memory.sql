-- What a source learned on earlier syncs about how to ask its upstream, as facts by key: e.g. the Hub source's
-- 'author:Qwen' = 'one-page 7' (the author's models fit in one listing page, which held 7 of the listed models), so
-- that the next sync can read them with one listing instead of a request per model (docs/sources.md, Hub). Not
-- history: each fact is replaced by what a later successful sync learned. Losing the table costs requests, not data.
CREATE TABLE source_memory (
  source TEXT NOT NULL,                -- the source's name ('hub')
  key    TEXT NOT NULL,
  value  TEXT NOT NULL,
  PRIMARY KEY (source, key)
);
