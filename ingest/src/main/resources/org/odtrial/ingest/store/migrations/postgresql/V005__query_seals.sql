-- As the SQLite store's V005__query_seals.sql: the revisions of the query history join the seal chain. PostgreSQL
-- changes the CHECK constraint in place (SQLite rebuilds the table), so the privileges on seals stay.
ALTER TABLE seals DROP CONSTRAINT seals_kind_check;
ALTER TABLE seals ADD CONSTRAINT seals_kind_check CHECK (kind IN ('load', 'event', 'revision'));

CREATE TABLE seal_revision_parts (
  revision integer NOT NULL,
  part     text COLLATE "C" NOT NULL,
  rows     bigint NOT NULL,
  digest   text COLLATE "C" NOT NULL,
  PRIMARY KEY (revision, part)
);

CREATE TABLE seal_query_versions (
  query_id   text COLLATE "C" NOT NULL,
  valid_from integer NOT NULL,
  digest     text COLLATE "C" NOT NULL,
  PRIMARY KEY (query_id, valid_from)
);

CREATE INDEX queries_from ON queries (valid_from, query_id);
