package org.odtrial.ingest.validate;

import org.odtrial.ingest.contract.TrialFile;

/**
 * The rest of the trial that an upload of one site ({@code odtrial ingest --site}) is checked
 * against: every record of such an upload must be of {@link #site()}, and its keys must not be held
 * by another site's current records (rule {@code other-site}).
 */
public interface SiteScope {

  /** The site of the upload. */
  String site();

  /**
   * The site whose current records hold {@code key} of {@code file} (a cluster_id, participant_id,
   * episode_id or meeting_id), or null when no other site's current record does; an empty string
   * when another site holds it but which one cannot be told.
   */
  String otherSiteHolding(TrialFile file, String key);
}
