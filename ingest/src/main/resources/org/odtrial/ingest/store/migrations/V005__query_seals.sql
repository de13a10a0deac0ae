-- The seal covers the data queries: every revision of the query history (each load's, each answer, each
-- imported answer file) becomes an entry of the same chain as the loads and events, of kind 'revision'.
-- Never edit this file once released: a schema change is a new migration file.

-- seals gains the kind 'revision'; the table is rebuilt with the same rows, because a CHECK constraint cannot be
-- changed in place in SQLite
CREATE TABLE seals_v5 (
  seq    INTEGER PRIMARY KEY,
  kind   TEXT    NOT NULL CHECK (kind IN ('load', 'event', 'revision')),
  ref    INTEGER NOT NULL,
  digest TEXT    NOT NULL,
  link   TEXT    NOT NULL,
  UNIQUE (kind, ref)
);
INSERT INTO seals_v5 (seq, kind, ref, digest, link) SELECT seq, kind, ref, digest, link FROM seals;
DROP TABLE seals;
ALTER TABLE seals_v5 RENAME TO seals;

-- What each revision's seal covers, part by part, only to name the part that changed (the digest in seals is
-- the proof), as seal_parts does for loads.
CREATE TABLE seal_revision_parts (
  revision INTEGER NOT NULL,
  part     TEXT    NOT NULL,
  rows     INTEGER NOT NULL,
  digest   TEXT    NOT NULL,
  PRIMARY KEY (revision, part)
);

-- Per query version, the first 16 bytes of the SHA-256 of what the seal covers of it: only to name the query whose
-- version was changed, added or deleted, as row_hash names a record.
CREATE TABLE seal_query_versions (
  query_id   TEXT    NOT NULL,
  valid_from INTEGER NOT NULL,
  digest     TEXT    NOT NULL,
  PRIMARY KEY (query_id, valid_from)
);

-- sealing a revision reads the versions it wrote
CREATE INDEX queries_from ON queries (valid_from, query_id);
