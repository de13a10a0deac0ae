-- The seal of the store: one hash chain over the loads (each load's metadata, per-file statistics,
-- warnings and the records it inserted and closed) and the history of events (blinding key, lock,
-- unblinding), in the order they happened. docs/storage.md gives the canonical encoding, so that
-- the chain can be recomputed from any copy of the logical content (sqlite3, PostgreSQL).
CREATE TABLE seals (
  seq    INTEGER PRIMARY KEY,
  kind   TEXT    NOT NULL CHECK (kind IN ('load', 'event')),
  ref    INTEGER NOT NULL,
  digest TEXT    NOT NULL,
  link   TEXT    NOT NULL,
  UNIQUE (kind, ref)
);

-- What each load's seal covers, part by part (its metadata, its files' statistics, its warnings, and per
-- file the records it inserted and closed): the load's digest is computed over these, so a changed part
-- can be named; the digest, not this table, is what proves the content.
CREATE TABLE seal_parts (
  load   INTEGER NOT NULL,
  part   TEXT    NOT NULL,
  rows   INTEGER NOT NULL,
  digest TEXT    NOT NULL,
  PRIMARY KEY (load, part)
);
