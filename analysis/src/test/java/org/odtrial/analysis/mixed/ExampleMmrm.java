package org.odtrial.analysis.mixed;

import java.util.ArrayList;
import java.util.List;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.Derivation;
import org.odtrial.analysis.data.ExampleTrialSource;
import org.odtrial.analysis.data.Participant;

/**
 * The worked example's QPR repeated-measures model: the scores at months 12 and 24 of participants
 * with a baseline QPR, by participant then month, with R's design for {@code score ~ arm *
 * factor(timepoint) + score_0}.
 */
final class ExampleMmrm {
  private ExampleMmrm() {}

  static NestedMixedFit fit() {
    AnalysisData data = Derivation.of(730).derive(ExampleTrialSource.upload());
    double[] s0 = data.scores("QPR", 0).orElseThrow();
    double[][] s = {data.scores("QPR", 12).orElseThrow(), data.scores("QPR", 24).orElseThrow()};
    List<Double> y = new ArrayList<>();
    List<double[]> x = new ArrayList<>();
    List<String> clusters = new ArrayList<>();
    List<String> participants = new ArrayList<>();
    List<Participant> ps = data.participants();
    for (int i = 0; i < ps.size(); i++) {
      if (Double.isNaN(s0[i])) {
        continue;
      }
      double arm = ps.get(i).isOd() ? 1 : 0;
      for (int k = 0; k < 2; k++) {
        if (!Double.isNaN(s[k][i])) {
          y.add(s[k][i]);
          x.add(new double[] {1, arm, k, s0[i], arm * k});
          clusters.add(ps.get(i).clusterId());
          participants.add(ps.get(i).participantId());
        }
      }
    }
    return NestedRandomInterceptModel.of(
            y.stream().mapToDouble(Double::doubleValue).toArray(),
            x.toArray(double[][]::new),
            List.of(
                "(Intercept)",
                "armOD",
                "factor(timepoint)24",
                "score_0",
                "armOD:factor(timepoint)24"),
            clusters.toArray(String[]::new),
            participants.toArray(String[]::new))
        .fit();
  }

  public static void main(String[] args) {
    NestedMixedFit f = fit();
    System.out.printf(
        "%.17g %.17g %.17g%n", f.thetaParticipant(), f.thetaCluster(), f.remlCriterion());
  }
}
