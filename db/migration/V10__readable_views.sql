-- Views for people who query the database in sqlite3 or Datasette without knowing the versioning scheme (V1: a row
-- of observation holds one value from the snapshot that first saw it up to the snapshot that saw it change). They
-- read, never write, and are plain SQL but for the one number test in value_history (docs/data-model.md says what a
-- PostgreSQL copy needs). Times are the finishing times of snapshots (ISO-8601 UTC); boards are every source but hub.

-- Each source's newest successful snapshot: what the current values are "as of".
CREATE VIEW latest_snapshot AS
SELECT s.source, s.id AS snapshot, s.run_id AS run, s.finished_at AS as_of, s.data_date, s.subjects AS models, s.warning
FROM snapshot s
WHERE s.status = 'ok'
  AND s.id = (SELECT max(x.id) FROM snapshot x WHERE x.source = s.source AND x.status = 'ok');

-- Every version of every value with the span it held: from the snapshot that first saw it (valid_from) up to, not
-- including, the one that saw it change or vanish (valid_to; NULL while it is current). number is the value as a
-- number when it is one (canonical numbers are plain decimals: -?digits[.digits]), else NULL.
CREATE VIEW value_history AS
SELECT o.source, o.subject AS model, o.variant, o.key, o.value,
       CASE WHEN o.value GLOB '*[0-9]*' AND o.value NOT GLOB '*[^0-9.-]*' AND o.value NOT GLOB '?*-*'
                 AND o.value NOT GLOB '*.*.*' AND o.value NOT GLOB '.*' AND o.value NOT GLOB '*.'
                 AND o.value NOT GLOB '-.*'
            THEN CAST(o.value AS DOUBLE PRECISION) END AS number,
       o.raw, o.url,
       o.from_snapshot, f.finished_at AS valid_from,
       o.to_snapshot, t.finished_at AS valid_to
FROM observation o
JOIN snapshot f ON f.id = o.from_snapshot AND f.status = 'ok'
LEFT JOIN snapshot t ON t.id = o.to_snapshot;

-- Every current value of every source: the state `render` reads. since: when this value was first seen; as_of: the
-- source's newest successful snapshot, which still holds it (a failed sync keeps the previous values).
CREATE VIEW latest_value AS
SELECT h.source, h.model, h.variant, h.key, h.value, h.number, h.raw, h.url, h.from_snapshot AS since_snapshot,
       h.valid_from AS since, l.as_of
FROM value_history h
JOIN latest_snapshot l ON l.source = h.source
WHERE h.to_snapshot IS NULL;

-- One row per model of the newest Hub snapshot with its Hub fields (counts and sizes as integers).
CREATE VIEW latest_model AS
SELECT model,
       max(CASE WHEN key = 'pipeline_tag' THEN value END) AS pipeline_tag,
       max(CASE WHEN key = 'library_name' THEN value END) AS library_name,
       CAST(max(CASE WHEN key = 'parameters' THEN value END) AS BIGINT) AS parameters,
       max(CASE WHEN key = 'license' THEN value END) AS license,
       max(CASE WHEN key = 'gated' THEN value END) AS gated,
       CAST(max(CASE WHEN key = 'downloads' THEN value END) AS BIGINT) AS downloads,
       CAST(max(CASE WHEN key = 'likes' THEN value END) AS BIGINT) AS likes,
       max(CASE WHEN key = 'created_at' THEN value END) AS created_at,
       max(CASE WHEN key = 'last_modified' THEN value END) AS last_modified,
       max(CASE WHEN key = 'sha' THEN value END) AS sha,
       max(CASE WHEN key = 'tags' THEN value END) AS tags,
       max(as_of) AS as_of
FROM latest_value
WHERE source = 'hub'
GROUP BY model;

-- Every current number of every board: model, board, variant (one of several rows of a model on a board, '' when
-- one), metric and value; text is the value exactly as stored (render formats it).
CREATE VIEW latest_score AS
SELECT model, source AS board, variant, key AS metric, number AS value, value AS text, since, as_of
FROM latest_value
WHERE source <> 'hub' AND number IS NOT NULL;

-- Every version of every board number: valid from valid_from up to, not including, valid_to (NULL: current).
CREATE VIEW score_history AS
SELECT model, source AS board, variant, key AS metric, number AS value, value AS text, valid_from, valid_to,
       from_snapshot, to_snapshot
FROM value_history
WHERE source <> 'hub' AND number IS NOT NULL;
