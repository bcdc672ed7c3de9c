-- Reading a snapshot's state (`diff`, `render`, the resolver's model list) walks one source's values in
-- (subject, variant, key) order: this index gives that order without a sort and answers the
-- from/to_snapshot filter without reading the rows, so a diff of two 100,000-value states costs about two
-- ordered scans. It replaces the (source, from_snapshot) index, whose range filter still needed a sort.
CREATE INDEX observation_state ON observation(source, subject, variant, key, from_snapshot, to_snapshot);
DROP INDEX observation_by_snapshot;
