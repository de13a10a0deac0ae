-- Peer for bench/pg-ingest.sh: bench/peer-schema.sql on PostgreSQL, with the column types of odtrial's PostgreSQL
-- store (migrations/postgresql/V001__initial.sql: INTEGER as bigint, REAL as double precision, text COLLATE "C"),
-- without the *_text, row_hash and valid_from/valid_to bookkeeping columns, which the CSV files do not have.
CREATE TABLE clusters (cluster_id text COLLATE "C" NOT NULL, site_id text COLLATE "C", arm text COLLATE "C",
  randomised_on text COLLATE "C", stratum text COLLATE "C", deprivation_quintile bigint, list_size bigint);
CREATE TABLE participants (participant_id text COLLATE "C" NOT NULL, cluster_id text COLLATE "C",
  baseline_date text COLLATE "C", age bigint, sex text COLLATE "C", ethnicity text COLLATE "C",
  diagnosis text COLLATE "C", prior_admissions bigint, followup_end text COLLATE "C", withdrawn_on text COLLATE "C",
  died_on text COLLATE "C");
CREATE TABLE admissions (episode_id text COLLATE "C" NOT NULL, participant_id text COLLATE "C",
  setting text COLLATE "C", start_date text COLLATE "C", end_date text COLLATE "C", detained text COLLATE "C");
CREATE TABLE outcomes (participant_id text COLLATE "C" NOT NULL, instrument text COLLATE "C" NOT NULL,
  timepoint bigint NOT NULL, assessed_on text COLLATE "C", score double precision);
CREATE TABLE network_meetings (meeting_id text COLLATE "C" NOT NULL, participant_id text COLLATE "C",
  meeting_date text COLLATE "C", mode text COLLATE "C", practitioners bigint, network_members bigint,
  location text COLLATE "C");
