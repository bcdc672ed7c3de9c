-- Where a value was read is provenance, not identity. Up to V8 a value whose URL changed counted as changed: syncing
-- the same data through another base URL (HF_ENDPOINT=https://hf-mirror.com, a local mirror, another port) closed
-- every stored value and inserted it again. From V9 on a value is the same when its value and raw text are the same;
-- observation.url says where it was first read, and every later read is in the raw archive (fetch_log).

-- 1. Merge the rows such a switch left behind: a row that starts at the snapshot where a row of the same key with
--    the same value and raw text ended only repeats it. Every snapshot's state stays exactly what it was (values
--    and raw text); the first row of each chain keeps its URL and now runs to where the last repeat ran.
CREATE TABLE v9_repeat AS
SELECT b.id AS id, a.id AS prev, b.from_snapshot AS at
FROM observation a
JOIN observation b
  ON b.source = a.source AND b.subject = a.subject AND b.variant = a.variant AND b.key = a.key
 AND b.from_snapshot = a.to_snapshot AND b.value = a.value AND b.raw IS a.raw;

CREATE INDEX v9_repeat_prev ON v9_repeat(prev);
CREATE INDEX v9_repeat_at ON v9_repeat(at);

CREATE TABLE v9_chain AS
WITH RECURSIVE chain(head, id) AS (
  SELECT prev, id FROM v9_repeat WHERE prev NOT IN (SELECT id FROM v9_repeat)
  UNION ALL
  SELECT chain.head, r.id FROM chain JOIN v9_repeat r ON r.prev = chain.id
)
SELECT head, id FROM chain;
CREATE INDEX v9_chain_head ON v9_chain(head);

UPDATE observation
SET to_snapshot = (SELECT o.to_snapshot FROM v9_chain c JOIN observation o ON o.id = c.id
                   WHERE c.head = observation.id ORDER BY o.from_snapshot DESC LIMIT 1)
WHERE id IN (SELECT head FROM v9_chain);

DELETE FROM observation WHERE id IN (SELECT id FROM v9_repeat);

-- The snapshots that closed and re-added those values did neither.
UPDATE snapshot
SET values_added = values_added - (SELECT count(*) FROM v9_repeat r WHERE r.at = snapshot.id),
    values_closed = values_closed - (SELECT count(*) FROM v9_repeat r WHERE r.at = snapshot.id)
WHERE id IN (SELECT at FROM v9_repeat);

DROP TABLE v9_chain;
DROP TABLE v9_repeat;

-- 2. The per-model digests (V8) covered the URL: the next write of each source merges in full once and writes
--    digests of values and raw text only.
DELETE FROM subject_digest_state;

-- 3. A partial snapshot: the source's state was written, but some part of it (an OpenCompass edition, say) could not
--    be read and keeps its previous values; warning says which and why. NULL for a complete snapshot.
ALTER TABLE snapshot ADD COLUMN warning TEXT;
