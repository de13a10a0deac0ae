-- odtrial store schema version 1: loads, their findings, and one temporal table per contract-v1 file.
-- Never edit this file once released: a schema change is a new migration file.

-- identifies the file as an odtrial store to file(1) and to odtrial itself: 'odtr' as a big-endian int
PRAGMA application_id = 1868854386;

CREATE TABLE loads (
  load             INTEGER PRIMARY KEY,
  upload_sha256    TEXT    NOT NULL,
  loaded_at        TEXT    NOT NULL,
  os_user          TEXT    NOT NULL,
  tool_version     TEXT    NOT NULL,
  contract_version INTEGER NOT NULL
);

CREATE TABLE load_files (
  load    INTEGER NOT NULL REFERENCES loads (load),
  file    TEXT    NOT NULL,
  sha256  TEXT    NOT NULL,
  rows    INTEGER NOT NULL,
  added   INTEGER NOT NULL,
  changed INTEGER NOT NULL,
  removed INTEGER NOT NULL,
  PRIMARY KEY (load, file)
);

CREATE TABLE load_findings (
  load        INTEGER NOT NULL REFERENCES loads (load),
  seq         INTEGER NOT NULL,
  severity    TEXT    NOT NULL,
  file        TEXT    NOT NULL,
  line        INTEGER NOT NULL,
  column_name TEXT,
  record      TEXT,
  site        TEXT,
  rule        TEXT    NOT NULL,
  message     TEXT    NOT NULL,
  PRIMARY KEY (load, seq)
);

CREATE TABLE clusters (
  cluster_id                TEXT    NOT NULL,
  site_id                   TEXT,
  arm                       TEXT,
  randomised_on             TEXT,
  stratum                   TEXT,
  deprivation_quintile      INTEGER,
  deprivation_quintile_text TEXT,
  list_size                 INTEGER,
  list_size_text            TEXT,
  row_hash                  BLOB    NOT NULL,
  valid_from                INTEGER NOT NULL,
  valid_to                  INTEGER
);
CREATE UNIQUE INDEX clusters_key ON clusters (cluster_id, valid_from);

CREATE TABLE participants (
  participant_id        TEXT    NOT NULL,
  cluster_id            TEXT,
  baseline_date         TEXT,
  age                   INTEGER,
  age_text              TEXT,
  sex                   TEXT,
  ethnicity             TEXT,
  diagnosis             TEXT,
  prior_admissions      INTEGER,
  prior_admissions_text TEXT,
  followup_end          TEXT,
  withdrawn_on          TEXT,
  died_on               TEXT,
  row_hash              BLOB    NOT NULL,
  valid_from            INTEGER NOT NULL,
  valid_to              INTEGER
);
CREATE UNIQUE INDEX participants_key ON participants (participant_id, valid_from);

CREATE TABLE admissions (
  episode_id     TEXT    NOT NULL,
  participant_id TEXT,
  setting        TEXT,
  start_date     TEXT,
  end_date       TEXT,
  detained       TEXT,
  row_hash       BLOB    NOT NULL,
  valid_from     INTEGER NOT NULL,
  valid_to       INTEGER
);
CREATE UNIQUE INDEX admissions_key ON admissions (episode_id, valid_from);

CREATE TABLE outcomes (
  participant_id TEXT    NOT NULL,
  instrument     TEXT    NOT NULL,
  timepoint      INTEGER NOT NULL,
  timepoint_text TEXT,
  assessed_on    TEXT,
  score          REAL,
  score_text     TEXT,
  row_hash       BLOB    NOT NULL,
  valid_from     INTEGER NOT NULL,
  valid_to       INTEGER
);
CREATE UNIQUE INDEX outcomes_key ON outcomes (participant_id, instrument, timepoint, valid_from);

CREATE TABLE network_meetings (
  meeting_id      TEXT    NOT NULL,
  participant_id  TEXT,
  meeting_date    TEXT,
  mode            TEXT,
  practitioners   INTEGER,
  practitioners_text TEXT,
  network_members INTEGER,
  network_members_text TEXT,
  location        TEXT,
  row_hash        BLOB    NOT NULL,
  valid_from      INTEGER NOT NULL,
  valid_to        INTEGER
);
CREATE UNIQUE INDEX network_meetings_key ON network_meetings (meeting_id, valid_from);
