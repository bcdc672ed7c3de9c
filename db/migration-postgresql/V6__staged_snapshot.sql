-- A snapshot whose values are still being written (see the SQLite migration V14 for the whole story): its status is
-- 'failed' until the final transaction sets it to 'ok' and deletes this row; the next write of the same source
-- removes the staged values of any snapshot still named here.
CREATE TABLE staged_snapshot (
  snapshot_id bigint PRIMARY KEY REFERENCES snapshot(id),
  source      text NOT NULL
);
