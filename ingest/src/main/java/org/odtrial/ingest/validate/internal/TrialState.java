package org.odtrial.ingest.validate.internal;

import java.util.ArrayList;
import java.util.List;
import org.odtrial.ingest.validate.SiteScope;

/**
 * What later files need to know about earlier ones, in compact form: clusters (few) and one slot
 * per participant holding its cluster and key dates as epoch days ({@link #NONE} where missing or
 * invalid).
 */
final class TrialState {
  static final int NONE = Integer.MIN_VALUE;
  static final int ARM_OD = 0;

  /** The rest of the trial, for an upload of one site; null for an upload of the whole trial. */
  final SiteScope scope;

  TrialState() {
    this(null);
  }

  TrialState(SiteScope scope) {
    this.scope = scope;
  }

  final FingerprintIndex clusters = new FingerprintIndex();
  final List<String> clusterSite = new ArrayList<>();
  final IntList clusterArm = new IntList(); // index into the arm codes, -1 unknown
  final IntList clusterRandomised = new IntList();
  final IntList clusterLine = new IntList();

  final FingerprintIndex participants = new FingerprintIndex();
  final IntList participantCluster = new IntList();
  final IntList baseline = new IntList();
  final IntList followupEnd = new IntList();
  final IntList withdrawn = new IntList();
  final IntList died = new IntList();
  final IntList participantLine = new IntList();

  String siteOfCluster(int cluster) {
    return cluster < 0 ? null : clusterSite.get(cluster);
  }

  String siteOfParticipant(int participant) {
    return participant < 0 ? null : siteOfCluster(participantCluster.get(participant));
  }

  int armOfParticipant(int participant) {
    if (participant < 0) {
      return -1;
    }
    int c = participantCluster.get(participant);
    return c < 0 ? -1 : clusterArm.get(c);
  }
}
