package org.odtrial.ingest.validate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.odtrial.ingest.contract.TrialFile;

/** A small valid upload written to a temporary folder, which a test then breaks in one place. */
final class TrialDir {
  static final Map<TrialFile, String> VALID = new EnumMap<>(TrialFile.class);

  static {
    VALID.put(
        TrialFile.CLUSTERS,
        """
        cluster_id,site_id,arm,randomised_on,stratum,deprivation_quintile,list_size
        C1,S1,OD,2020-01-01,north,3,8421
        C2,S2,TAU,2020-01-01,south,2,5000
        """);
    VALID.put(
        TrialFile.PARTICIPANTS,
        """
participant_id,cluster_id,baseline_date,age,sex,ethnicity,diagnosis,prior_admissions,followup_end,withdrawn_on,died_on
P1,C1,2020-02-01,30,female,white,psychosis,1,2021-02-01,,
P2,C2,2020-03-01,40,male,asian,bipolar,0,2021-03-01,,
""");
    VALID.put(
        TrialFile.ADMISSIONS,
        """
        episode_id,participant_id,setting,start_date,end_date,detained
        E1,P1,inpatient,2020-05-01,2020-05-20,no
        """);
    VALID.put(
        TrialFile.OUTCOMES,
        """
        participant_id,instrument,timepoint,assessed_on,score
        P1,QPR,0,2020-02-01,30
        P1,QPR,12,2021-01-20,35.5
        """);
    VALID.put(
        TrialFile.NETWORK_MEETINGS,
        """
        meeting_id,participant_id,meeting_date,mode,practitioners,network_members,location
        M1,P1,2020-02-10,in_person,2,3,home
        M2,P2,2020-03-10,video,1,0,clinic
        """);
  }

  final Path dir;

  private TrialDir(Path dir) {
    this.dir = dir;
  }

  /** Writes the valid upload into dir. */
  static TrialDir valid(Path dir) {
    TrialDir t = new TrialDir(dir);
    VALID.forEach(t::write);
    return t;
  }

  /** Replaces a file's content. */
  TrialDir write(TrialFile file, String content) {
    return writeBytes(file, content.getBytes(StandardCharsets.UTF_8));
  }

  TrialDir writeBytes(TrialFile file, byte[] content) {
    try {
      Files.write(dir.resolve(file.fileName()), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Appends data rows (each a CSV line without its line end) to the valid content of a file. */
  TrialDir append(TrialFile file, String... rows) {
    return write(file, VALID.get(file) + String.join("\n", rows) + "\n");
  }

  /** Replaces the data rows of a file, keeping its valid header. */
  TrialDir rows(TrialFile file, String... rows) {
    String header = VALID.get(file).lines().findFirst().orElseThrow();
    return write(file, header + "\n" + String.join("\n", rows) + "\n");
  }

  ValidationReport validate() {
    return Validator.of().validate(dir);
  }

  /** The findings of one rule. */
  List<Finding> findings(String rule) {
    return validate().findings().stream().filter(f -> f.rule().equals(rule)).toList();
  }
}
