-- One digest per model of a source: SHA-256 (first 16 bytes) over the model's current values in key order. Writing
-- a snapshot compares the new state's digests with these and reads and merges the stored values only of the models
-- whose digest differs, so a repeat sync of 100,000 unchanged models reads 100,000 short rows instead of over a
-- million values (and never scans their history). A source without digests (a database from before V8) is merged
-- in full once, which fills them.
CREATE TABLE subject_digest (
  source  TEXT NOT NULL,
  subject TEXT NOT NULL,
  digest  BLOB NOT NULL,
  PRIMARY KEY (source, subject)
) WITHOUT ROWID;

-- The snapshot a source's digests were last written with. Digests are trusted only when that is the source's
-- previous successful snapshot: a snapshot written by anything that does not keep the digests (an older
-- llm-catalog opening this database, which Flyway allows) makes the next write merge in full and refill them.
CREATE TABLE subject_digest_state (
  source      TEXT PRIMARY KEY,
  snapshot_id INTEGER NOT NULL REFERENCES snapshot(id)
);
