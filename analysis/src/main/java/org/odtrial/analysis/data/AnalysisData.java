package org.odtrial.analysis.data;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The analysis data of one load: clusters, derived participants (in the order the source gave them:
 * by participant_id for a stored load), the meetings inside each participant's window, and
 * questionnaire scores.
 *
 * @param horizonDays the horizon the data was derived with
 * @param clusters clusters by id order of the source
 * @param participants derived participants
 * @param meetings network meetings dated in [baseline - 30, end], in source order
 * @param scores per (instrument, timepoint): one score per participant index, NaN where none was
 *     recorded
 */
public record AnalysisData(
    int horizonDays,
    List<Cluster> clusters,
    List<Participant> participants,
    List<Meeting> meetings,
    Map<ScoreKey, double[]> scores) {

  /** An instrument at a timepoint in months. */
  public record ScoreKey(String instrument, int timepoint) {}

  public AnalysisData {
    clusters = List.copyOf(clusters);
    participants = List.copyOf(participants);
    meetings = List.copyOf(meetings);
    scores = Map.copyOf(scores);
  }

  /**
   * Scores of an instrument at a month, one per participant (NaN where missing); empty if none were
   * recorded.
   */
  public Optional<double[]> scores(String instrument, int timepoint) {
    double[] s = scores.get(new ScoreKey(instrument, timepoint));
    return Optional.ofNullable(s == null ? null : Arrays.copyOf(s, s.length));
  }
}
