package org.odtrial.ingest.validate.internal;

import org.odtrial.ingest.contract.TrialFile;

/** clusters.csv: unique cluster_id; keeps site, arm and randomisation date for later files. */
final class ClustersChecker extends FileChecker {
  private static final int ID = TrialFile.CLUSTERS.indexOf("cluster_id");
  private static final int SITE = TrialFile.CLUSTERS.indexOf("site_id");
  private static final int ARM = TrialFile.CLUSTERS.indexOf("arm");
  private static final int RANDOMISED = TrialFile.CLUSTERS.indexOf("randomised_on");

  ClustersChecker(TrialState state, Findings findings) {
    super(TrialFile.CLUSTERS, state, findings);
  }

  @Override
  void resolve() {
    site = row.valid(SITE);
  }

  @Override
  void crossCheck() {
    String id = row.valid(ID);
    if (id == null) {
      return;
    }
    if (unique(state.clusters, state.clusterLine, id, ID, "cluster_id")) {
      state.clusterSite.add(site);
      state.clusterArm.add(row.ok[ARM] ? (int) row.number[ARM] : -1);
      state.clusterRandomised.add(row.ok[RANDOMISED] ? row.day[RANDOMISED] : TrialState.NONE);
    }
  }
}
