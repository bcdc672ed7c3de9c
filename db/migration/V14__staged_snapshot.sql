-- A snapshot whose values are still being written: a sync stages a source's new and changed values under a snapshot
-- row while its later pages are still being fetched, in short transactions, and makes them visible in one final
-- transaction that closes the values they replace, sets the snapshot to 'ok' and deletes this row. Until then the
-- snapshot's status is 'failed' (with an error saying it is unfinished), so nothing that reads successful snapshots
-- (render, diff, the views) sees a staged value, and a process killed mid-write leaves exactly that: a failed
-- snapshot. The next write of the same source deletes the staged values of any snapshot still named here and this
-- row, before it writes anything. Listings leave a snapshot named here out: it is in progress, or it is the leftover
-- of a process that died and will be cleaned up by the next sync of its source.
CREATE TABLE staged_snapshot (
  snapshot_id INTEGER PRIMARY KEY REFERENCES snapshot(id),
  source      TEXT NOT NULL
);
