-- Data queries tracked across loads, and the per-rule denominators of each load's data-quality summary.
-- Never edit this file once released: a schema change is a new migration file.

-- Each stored warning names the query it raises (a stable id from file, record, column and rule) and, for a
-- consequence of a root cause, the query of its root. Rows of earlier loads keep NULL here.
ALTER TABLE load_findings ADD COLUMN query_id TEXT;
ALTER TABLE load_findings ADD COLUMN root_id TEXT;
CREATE UNIQUE INDEX load_findings_query ON load_findings (query_id, load);

-- Per load, file, rule and site (NULL: no site): records the rule was applied to (NULL for a rule that is not
-- checked record by record), records that failed it, and its findings.
CREATE TABLE load_rule_counts (
  load         INTEGER NOT NULL REFERENCES loads (load),
  file         TEXT    NOT NULL,
  rule         TEXT    NOT NULL,
  site         TEXT,
  rows_checked INTEGER,
  rows_failed  INTEGER NOT NULL,
  findings     INTEGER NOT NULL
);
CREATE INDEX load_rule_counts_load ON load_rule_counts (load);

-- The query history's clock: one revision per load, per answer and per imported answer file.
CREATE TABLE query_revisions (
  revision INTEGER PRIMARY KEY,
  load     INTEGER NOT NULL REFERENCES loads (load),
  at       TEXT    NOT NULL,
  os_user  TEXT    NOT NULL,
  action   TEXT    NOT NULL CHECK (action IN ('load', 'answer', 'import')),
  detail   TEXT    NOT NULL
);

-- One temporal row per version of a query, as the record tables keep records: a version is valid from the
-- revision that wrote it until the revision that replaced it (valid_to NULL while current).
CREATE TABLE queries (
  query_id    TEXT    NOT NULL,
  file        TEXT    NOT NULL,
  record      TEXT,
  column_name TEXT,
  rule        TEXT    NOT NULL,
  site        TEXT,
  root_id     TEXT,
  status      TEXT    NOT NULL CHECK (status IN ('open', 'will-correct', 'confirmed', 'resolved')),
  message     TEXT    NOT NULL,
  note        TEXT,
  valid_from  INTEGER NOT NULL REFERENCES query_revisions (revision),
  valid_to    INTEGER REFERENCES query_revisions (revision)
);
CREATE UNIQUE INDEX queries_key ON queries (query_id, valid_from);
CREATE INDEX queries_current ON queries (valid_to, query_id);
CREATE INDEX queries_root ON queries (root_id, valid_to);
