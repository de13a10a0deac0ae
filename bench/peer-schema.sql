-- Peer for bench/ingest.sh: the five contract tables with odtrial's column types (V001__initial.sql without the
-- *_text, row_hash and valid_from/valid_to bookkeeping columns, which the CSV files do not have).
CREATE TABLE clusters (cluster_id TEXT NOT NULL, site_id TEXT, arm TEXT, randomised_on TEXT, stratum TEXT,
  deprivation_quintile INTEGER, list_size INTEGER);
CREATE TABLE participants (participant_id TEXT NOT NULL, cluster_id TEXT, baseline_date TEXT, age INTEGER, sex TEXT,
  ethnicity TEXT, diagnosis TEXT, prior_admissions INTEGER, followup_end TEXT, withdrawn_on TEXT, died_on TEXT);
CREATE TABLE admissions (episode_id TEXT NOT NULL, participant_id TEXT, setting TEXT, start_date TEXT, end_date TEXT,
  detained TEXT);
CREATE TABLE outcomes (participant_id TEXT NOT NULL, instrument TEXT NOT NULL, timepoint INTEGER NOT NULL,
  assessed_on TEXT, score REAL);
CREATE TABLE network_meetings (meeting_id TEXT NOT NULL, participant_id TEXT, meeting_date TEXT, mode TEXT,
  practitioners INTEGER, network_members INTEGER, location TEXT);
