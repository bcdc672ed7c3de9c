-- Which daemon ran a run: `host:pid` of the daemon (on PostgreSQL, the node of the cluster), NULL for `llm-catalog sync`
-- and `import`. `llm-catalog status` names, per source, the node that ran its newest snapshot.
ALTER TABLE run ADD COLUMN node TEXT;
