-- odtrial store schema version 1 on PostgreSQL: the same tables and columns as the SQLite store's
-- V001__initial.sql, in the schema main (created by odtrial before this script, and on its search path).
-- Types: INTEGER values as bigint (load numbers as integer), REAL as double precision, BLOB as bytea,
-- and every text COLLATE "C", so that ordering is by code point as in SQLite whatever the database's
-- locale. Never edit this file once released: a schema change is a new migration file.

CREATE TABLE loads (
  load             integer PRIMARY KEY,
  upload_sha256    text COLLATE "C" NOT NULL,
  loaded_at        text COLLATE "C" NOT NULL,
  os_user          text COLLATE "C" NOT NULL,
  tool_version     text COLLATE "C" NOT NULL,
  contract_version integer NOT NULL
);

CREATE TABLE load_files (
  load    integer NOT NULL REFERENCES loads (load),
  file    text COLLATE "C" NOT NULL,
  sha256  text COLLATE "C" NOT NULL,
  rows    bigint NOT NULL,
  added   bigint NOT NULL,
  changed bigint NOT NULL,
  removed bigint NOT NULL,
  PRIMARY KEY (load, file)
);

CREATE TABLE load_findings (
  load        integer NOT NULL REFERENCES loads (load),
  seq         integer NOT NULL,
  severity    text COLLATE "C" NOT NULL,
  file        text COLLATE "C" NOT NULL,
  line        bigint NOT NULL,
  column_name text COLLATE "C",
  record      text COLLATE "C",
  site        text COLLATE "C",
  rule        text COLLATE "C" NOT NULL,
  message     text COLLATE "C" NOT NULL,
  PRIMARY KEY (load, seq)
);

CREATE TABLE clusters (
  cluster_id                text COLLATE "C" NOT NULL,
  site_id                   text COLLATE "C",
  arm                       text COLLATE "C",
  randomised_on             text COLLATE "C",
  stratum                   text COLLATE "C",
  deprivation_quintile      bigint,
  deprivation_quintile_text text COLLATE "C",
  list_size                 bigint,
  list_size_text            text COLLATE "C",
  row_hash                  bytea NOT NULL,
  valid_from                integer NOT NULL,
  valid_to                  integer
);
CREATE UNIQUE INDEX clusters_key ON clusters (cluster_id, valid_from);

CREATE TABLE participants (
  participant_id        text COLLATE "C" NOT NULL,
  cluster_id            text COLLATE "C",
  baseline_date         text COLLATE "C",
  age                   bigint,
  age_text              text COLLATE "C",
  sex                   text COLLATE "C",
  ethnicity             text COLLATE "C",
  diagnosis             text COLLATE "C",
  prior_admissions      bigint,
  prior_admissions_text text COLLATE "C",
  followup_end          text COLLATE "C",
  withdrawn_on          text COLLATE "C",
  died_on               text COLLATE "C",
  row_hash              bytea NOT NULL,
  valid_from            integer NOT NULL,
  valid_to              integer
);
CREATE UNIQUE INDEX participants_key ON participants (participant_id, valid_from);

CREATE TABLE admissions (
  episode_id     text COLLATE "C" NOT NULL,
  participant_id text COLLATE "C",
  setting        text COLLATE "C",
  start_date     text COLLATE "C",
  end_date       text COLLATE "C",
  detained       text COLLATE "C",
  row_hash       bytea NOT NULL,
  valid_from     integer NOT NULL,
  valid_to       integer
);
CREATE UNIQUE INDEX admissions_key ON admissions (episode_id, valid_from);

CREATE TABLE outcomes (
  participant_id text COLLATE "C" NOT NULL,
  instrument     text COLLATE "C" NOT NULL,
  timepoint      bigint NOT NULL,
  timepoint_text text COLLATE "C",
  assessed_on    text COLLATE "C",
  score          double precision,
  score_text     text COLLATE "C",
  row_hash       bytea NOT NULL,
  valid_from     integer NOT NULL,
  valid_to       integer
);
CREATE UNIQUE INDEX outcomes_key ON outcomes (participant_id, instrument, timepoint, valid_from);

CREATE TABLE network_meetings (
  meeting_id           text COLLATE "C" NOT NULL,
  participant_id       text COLLATE "C",
  meeting_date         text COLLATE "C",
  mode                 text COLLATE "C",
  practitioners        bigint,
  practitioners_text   text COLLATE "C",
  network_members      bigint,
  network_members_text text COLLATE "C",
  location             text COLLATE "C",
  row_hash             bytea NOT NULL,
  valid_from           integer NOT NULL,
  valid_to             integer
);
CREATE UNIQUE INDEX network_meetings_key ON network_meetings (meeting_id, valid_from);
