-- SQLite's V13 for PostgreSQL: what a source learned on earlier syncs about how to ask its upstream (see the comments
-- there and docs/sources.md, Hub), one fact per (source, key), replaced by what a later successful sync learned.
CREATE TABLE source_memory (
  source text NOT NULL,
  key    text NOT NULL,
  value  text NOT NULL,
  PRIMARY KEY (source, key)
);
