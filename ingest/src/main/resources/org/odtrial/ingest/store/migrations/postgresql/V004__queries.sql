-- As the SQLite store's V004__queries.sql: data queries tracked across loads, and the per-rule denominators of
-- each load's data-quality summary; PostgreSQL types as in V001 (text COLLATE "C", bigint counts).

ALTER TABLE load_findings ADD COLUMN query_id text COLLATE "C";
ALTER TABLE load_findings ADD COLUMN root_id text COLLATE "C";
CREATE UNIQUE INDEX load_findings_query ON load_findings (query_id, load);

CREATE TABLE load_rule_counts (
  load         integer NOT NULL REFERENCES loads (load),
  file         text COLLATE "C" NOT NULL,
  rule         text COLLATE "C" NOT NULL,
  site         text COLLATE "C",
  rows_checked bigint,
  rows_failed  bigint NOT NULL,
  findings     bigint NOT NULL
);
CREATE INDEX load_rule_counts_load ON load_rule_counts (load);

CREATE TABLE query_revisions (
  revision integer PRIMARY KEY,
  load     integer NOT NULL REFERENCES loads (load),
  at       text COLLATE "C" NOT NULL,
  os_user  text COLLATE "C" NOT NULL,
  action   text COLLATE "C" NOT NULL CHECK (action IN ('load', 'answer', 'import')),
  detail   text COLLATE "C" NOT NULL
);

CREATE TABLE queries (
  query_id    text COLLATE "C" NOT NULL,
  file        text COLLATE "C" NOT NULL,
  record      text COLLATE "C",
  column_name text COLLATE "C",
  rule        text COLLATE "C" NOT NULL,
  site        text COLLATE "C",
  root_id     text COLLATE "C",
  status      text COLLATE "C" NOT NULL CHECK (status IN ('open', 'will-correct', 'confirmed', 'resolved')),
  message     text COLLATE "C" NOT NULL,
  note        text COLLATE "C",
  valid_from  integer NOT NULL REFERENCES query_revisions (revision),
  valid_to    integer REFERENCES query_revisions (revision)
);
CREATE UNIQUE INDEX queries_key ON queries (query_id, valid_from);
CREATE INDEX queries_current ON queries (valid_to, query_id);
CREATE INDEX queries_root ON queries (root_id, valid_to);
