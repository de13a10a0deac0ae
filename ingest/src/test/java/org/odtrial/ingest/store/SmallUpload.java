package org.odtrial.ingest.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.odtrial.ingest.contract.TrialFile;

/** A valid upload of two clusters and two participants, as the five files' texts in file order. */
public final class SmallUpload {
  private static final String[] FILES = {
    "cluster_id,site_id,arm,randomised_on,stratum,deprivation_quintile,list_size\n"
        + "C1,S1,OD,2020-01-01,north,3,8421\nC2,S2,TAU,2020-01-01,south,2,5000\n",
    "participant_id,cluster_id,baseline_date,age,sex,ethnicity,diagnosis,prior_admissions,"
        + "followup_end,withdrawn_on,died_on\n"
        + "P1,C1,2020-02-01,30,female,white,psychosis,1,2021-02-01,,\n"
        + "P2,C2,2020-03-01,40,male,asian,bipolar,0,2021-03-01,,\n",
    "episode_id,participant_id,setting,start_date,end_date,detained\n"
        + "E1,P1,inpatient,2020-05-01,2020-05-20,no\n",
    "participant_id,instrument,timepoint,assessed_on,score\n"
        + "P1,QPR,0,2020-02-01,30\nP1,QPR,12,2021-01-20,35.5\n",
    "meeting_id,participant_id,meeting_date,mode,practitioners,network_members,location\n"
        + "M1,P1,2020-02-10,in_person,2,3,home\n"
  };

  private SmallUpload() {}

  /** The five files' texts, indexed by {@link TrialFile#ordinal()}: a copy to edit. */
  public static String[] files() {
    return FILES.clone();
  }

  /** Writes {@code files} (as {@link #files()} gives them) into {@code dir}, created if needed. */
  public static Path write(Path dir, String... files) throws IOException {
    Files.createDirectories(dir);
    for (TrialFile f : TrialFile.values()) {
      Files.writeString(dir.resolve(f.fileName()), files[f.ordinal()]);
    }
    return dir;
  }
}
