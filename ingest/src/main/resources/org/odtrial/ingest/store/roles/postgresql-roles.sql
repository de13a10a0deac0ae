-- The roles of a trial on PostgreSQL, applied by 'odtrial init-roles' as the owner of the store's schema
-- main, in one transaction, after odtrial has created the four group roles (NOLOGIN) if they were missing:
--   odtrial_site_data_manager       reads and writes only the records of the sites it is a member of
--   odtrial_trial_manager           reads and writes every site; locks and unlocks
--   odtrial_blinded_statistician    reads everything but the allocation (clusters.arm) and the blinding key
--   odtrial_unblinded_statistician  reads everything; records unblinding
-- Login roles are made members of one of them; a site data manager's sites are rows of main.site_members.
-- Running it again resets every privilege below to what it says (it is idempotent). docs/deployment.md
-- explains each line for a database administrator.

-- Which sites each site data manager's login role may see and write.
CREATE TABLE IF NOT EXISTS main.site_members (
  member  name NOT NULL,
  site_id text COLLATE "C" NOT NULL,
  PRIMARY KEY (member, site_id)
);
REVOKE ALL ON main.site_members FROM PUBLIC;

-- The sites of the connected user, read with the owner's rights so that site_members itself stays private.
CREATE OR REPLACE FUNCTION main.my_sites() RETURNS text[]
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = main, pg_temp
  AS 'SELECT coalesce(array_agg(site_id), ''{}'') FROM main.site_members WHERE member = session_user';
REVOKE ALL ON FUNCTION main.my_sites() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION main.my_sites() TO odtrial_site_data_manager;

-- One current version per key, whoever writes: with row-level security a data manager cannot see another
-- site's records, so the database itself refuses a second current version of a key it holds already.
CREATE UNIQUE INDEX IF NOT EXISTS clusters_current ON main.clusters (cluster_id) WHERE valid_to IS NULL;
CREATE UNIQUE INDEX IF NOT EXISTS participants_current ON main.participants (participant_id)
  WHERE valid_to IS NULL;
CREATE UNIQUE INDEX IF NOT EXISTS admissions_current ON main.admissions (episode_id) WHERE valid_to IS NULL;
CREATE UNIQUE INDEX IF NOT EXISTS outcomes_current ON main.outcomes (participant_id, instrument, timepoint)
  WHERE valid_to IS NULL;
CREATE UNIQUE INDEX IF NOT EXISTS network_meetings_current ON main.network_meetings (meeting_id)
  WHERE valid_to IS NULL;

-- Start from nothing, then grant exactly what each role needs.
REVOKE ALL ON ALL TABLES IN SCHEMA main FROM PUBLIC, odtrial_site_data_manager, odtrial_trial_manager,
  odtrial_blinded_statistician, odtrial_unblinded_statistician;
REVOKE ALL ON SCHEMA main FROM PUBLIC;
GRANT USAGE ON SCHEMA main TO odtrial_site_data_manager, odtrial_trial_manager, odtrial_blinded_statistician,
  odtrial_unblinded_statistician;

-- Everyone reads the schema version, the loads and their statistics and the history of events.
GRANT SELECT ON main.schema_version, main.loads, main.load_files, main.load_findings, main.history
  TO odtrial_site_data_manager, odtrial_trial_manager, odtrial_blinded_statistician,
  odtrial_unblinded_statistician;
-- The seal covers the allocation: from its digests and the other columns, a few thousand guesses would
-- give the arms of a small trial. So the blinded statistician does not read it (nor verify the store).
GRANT SELECT ON main.seals, main.seal_parts, main.seal_revision_parts, main.seal_query_versions
  TO odtrial_site_data_manager, odtrial_trial_manager, odtrial_unblinded_statistician;

-- The record tables.
GRANT SELECT ON main.clusters, main.participants, main.admissions, main.outcomes, main.network_meetings
  TO odtrial_site_data_manager, odtrial_trial_manager, odtrial_unblinded_statistician;
GRANT SELECT ON main.participants, main.admissions, main.outcomes, main.network_meetings
  TO odtrial_blinded_statistician;
-- every column of clusters but arm, and but row_hash, a hash of the values with arm among them
GRANT SELECT (cluster_id, site_id, randomised_on, stratum, deprivation_quintile, deprivation_quintile_text,
  list_size, list_size_text, valid_from, valid_to) ON main.clusters TO odtrial_blinded_statistician;

-- The blinding key: only the unblinded statistician and the trial manager (who make blinded reports).
GRANT SELECT, INSERT ON main.blinding TO odtrial_trial_manager, odtrial_unblinded_statistician;

-- Loads are written by data managers and the trial manager: new rows, and closing a version (valid_to) only.
-- Nobody but the owner may delete a row or change a stored value, so every version stays.
GRANT INSERT ON main.loads, main.load_files, main.load_findings, main.seals, main.seal_parts,
  main.clusters, main.participants, main.admissions, main.outcomes, main.network_meetings
  TO odtrial_site_data_manager, odtrial_trial_manager;
GRANT UPDATE (valid_to) ON main.clusters, main.participants, main.admissions, main.outcomes,
  main.network_meetings TO odtrial_site_data_manager, odtrial_trial_manager;

-- Events: the lock (trial manager), unblinding and unblinded reports (unblinded statistician).
GRANT INSERT ON main.history, main.seals TO odtrial_trial_manager, odtrial_unblinded_statistician;

-- Row-level security: a data manager's rows are those of their sites. A participant belongs to the site of its
-- cluster, an admission, outcome or meeting to the site of its participant (the subqueries are themselves
-- filtered by these policies). Every other role sees every row.
ALTER TABLE main.clusters ENABLE ROW LEVEL SECURITY;
ALTER TABLE main.participants ENABLE ROW LEVEL SECURITY;
ALTER TABLE main.admissions ENABLE ROW LEVEL SECURITY;
ALTER TABLE main.outcomes ENABLE ROW LEVEL SECURITY;
ALTER TABLE main.network_meetings ENABLE ROW LEVEL SECURITY;
ALTER TABLE main.load_findings ENABLE ROW LEVEL SECURITY;

DROP POLICY IF EXISTS own_sites ON main.clusters;
CREATE POLICY own_sites ON main.clusters TO odtrial_site_data_manager
  USING (site_id = ANY (main.my_sites()));
DROP POLICY IF EXISTS own_sites ON main.participants;
CREATE POLICY own_sites ON main.participants TO odtrial_site_data_manager
  USING (cluster_id IN (SELECT cluster_id FROM main.clusters));
DROP POLICY IF EXISTS own_sites ON main.admissions;
CREATE POLICY own_sites ON main.admissions TO odtrial_site_data_manager
  USING (participant_id IN (SELECT participant_id FROM main.participants));
DROP POLICY IF EXISTS own_sites ON main.outcomes;
CREATE POLICY own_sites ON main.outcomes TO odtrial_site_data_manager
  USING (participant_id IN (SELECT participant_id FROM main.participants));
DROP POLICY IF EXISTS own_sites ON main.network_meetings;
CREATE POLICY own_sites ON main.network_meetings TO odtrial_site_data_manager
  USING (participant_id IN (SELECT participant_id FROM main.participants));
-- a warning names the site of its record (none for a file-level warning); never the arm for a blinded reader
DROP POLICY IF EXISTS own_sites ON main.load_findings;
CREATE POLICY own_sites ON main.load_findings TO odtrial_site_data_manager
  USING (site IS NULL OR site = ANY (main.my_sites()));

DROP POLICY IF EXISTS all_sites ON main.clusters;
CREATE POLICY all_sites ON main.clusters
  TO odtrial_trial_manager, odtrial_blinded_statistician, odtrial_unblinded_statistician USING (true);
DROP POLICY IF EXISTS all_sites ON main.participants;
CREATE POLICY all_sites ON main.participants
  TO odtrial_trial_manager, odtrial_blinded_statistician, odtrial_unblinded_statistician USING (true);
DROP POLICY IF EXISTS all_sites ON main.admissions;
CREATE POLICY all_sites ON main.admissions
  TO odtrial_trial_manager, odtrial_blinded_statistician, odtrial_unblinded_statistician USING (true);
DROP POLICY IF EXISTS all_sites ON main.outcomes;
CREATE POLICY all_sites ON main.outcomes
  TO odtrial_trial_manager, odtrial_blinded_statistician, odtrial_unblinded_statistician USING (true);
DROP POLICY IF EXISTS all_sites ON main.network_meetings;
CREATE POLICY all_sites ON main.network_meetings
  TO odtrial_trial_manager, odtrial_blinded_statistician, odtrial_unblinded_statistician USING (true);
DROP POLICY IF EXISTS all_sites ON main.load_findings;
CREATE POLICY all_sites ON main.load_findings
  TO odtrial_trial_manager, odtrial_unblinded_statistician USING (true);
DROP POLICY IF EXISTS not_the_arm ON main.load_findings;
CREATE POLICY not_the_arm ON main.load_findings TO odtrial_blinded_statistician
  USING (column_name IS DISTINCT FROM 'arm');

-- Data queries (schema version 4): a data manager reads and answers their sites' queries only; the per-rule
-- counts of a load are split by site in the same way. The blinded statistician never sees a query about arm.
GRANT SELECT ON main.load_rule_counts, main.query_revisions, main.queries
  TO odtrial_site_data_manager, odtrial_trial_manager, odtrial_blinded_statistician,
  odtrial_unblinded_statistician;
GRANT INSERT ON main.load_rule_counts, main.query_revisions, main.queries
  TO odtrial_site_data_manager, odtrial_trial_manager;
GRANT UPDATE (valid_to) ON main.queries TO odtrial_site_data_manager, odtrial_trial_manager;
-- each load's and each answer's revision is sealed (schema version 5)
GRANT INSERT ON main.seals, main.seal_revision_parts, main.seal_query_versions
  TO odtrial_site_data_manager, odtrial_trial_manager;
ALTER TABLE main.queries ENABLE ROW LEVEL SECURITY;
ALTER TABLE main.load_rule_counts ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS own_sites ON main.queries;
CREATE POLICY own_sites ON main.queries TO odtrial_site_data_manager
  USING (site IS NULL OR site = ANY (main.my_sites()));
DROP POLICY IF EXISTS own_sites ON main.load_rule_counts;
CREATE POLICY own_sites ON main.load_rule_counts TO odtrial_site_data_manager
  USING (site IS NULL OR site = ANY (main.my_sites()));
DROP POLICY IF EXISTS all_sites ON main.queries;
CREATE POLICY all_sites ON main.queries TO odtrial_trial_manager, odtrial_unblinded_statistician
  USING (true);
DROP POLICY IF EXISTS not_the_arm ON main.queries;
CREATE POLICY not_the_arm ON main.queries TO odtrial_blinded_statistician
  USING (column_name IS DISTINCT FROM 'arm');
DROP POLICY IF EXISTS all_sites ON main.load_rule_counts;
CREATE POLICY all_sites ON main.load_rule_counts
  TO odtrial_trial_manager, odtrial_blinded_statistician, odtrial_unblinded_statistician USING (true);
