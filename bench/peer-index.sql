-- The unique key indexes odtrial builds at the end of a first load (there with valid_from appended).
CREATE UNIQUE INDEX clusters_key ON clusters (cluster_id);
CREATE UNIQUE INDEX participants_key ON participants (participant_id);
CREATE UNIQUE INDEX admissions_key ON admissions (episode_id);
CREATE UNIQUE INDEX outcomes_key ON outcomes (participant_id, instrument, timepoint);
CREATE UNIQUE INDEX network_meetings_key ON network_meetings (meeting_id);
