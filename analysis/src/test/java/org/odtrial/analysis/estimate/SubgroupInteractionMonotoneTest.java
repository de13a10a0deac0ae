package org.odtrial.analysis.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.Derivation;
import org.odtrial.analysis.data.ExampleTrialSource;
import org.odtrial.analysis.data.Participant;
import org.odtrial.analysis.survival.CoxFit;
import org.odtrial.analysis.survival.CoxModel;

/**
 * The example trial's arm-by-sex interaction, where R reports chisq 127.8 on 2 df with the warning
 * that armOD:sexother may be infinite: the same fit reproduces R's number at R's stopping point,
 * and letting the iterations go on shows it is not a maximum (the log likelihood rises,
 * armOD:sexother keeps falling, the other terms stay put). The row is null with a note.
 */
class SubgroupInteractionMonotoneTest {

  @Test
  void rsStatisticIsWhereTheIterationsStoppedNotAMaximum() throws Exception {
    JsonNode r = null;
    try (InputStream in =
        getClass().getResourceAsStream("/example-trial/expected-results-v2.json")) {
      for (JsonNode e : new ObjectMapper().readTree(in).get("estimates")) {
        if (e.get("id").asText().equals("relapse.cox.interaction.sex")) {
          r = e;
        }
      }
    }
    assertThat(r.get("estimate").isNull()).isTrue();
    AnalysisData data = Derivation.of(730).derive(ExampleTrialSource.upload());
    List<Participant> ps = data.participants();
    List<String> levels = SubgroupRows.levels(ps, "sex");
    SubgroupRows.InteractionDesign d = SubgroupRows.InteractionDesign.of("sex", ps, levels);
    CoxModel m =
        CoxModel.of(
                HazardRatioRow.times(ps), HazardRatioRow.events(ps, Participant::relapse), d.x())
            .withNames(d.names())
            .withClusters(HazardRatioRow.clusterCodes(ps));
    CoxFit atR = m.fit();
    int male = d.names().indexOf("armOD:sexmale");
    int other = d.names().indexOf("armOD:sexother");
    assertThat(atR.possiblyInfinite()[other]).isTrue();
    assertThat(wald(atR, male, other))
        .isCloseTo(r.get("r_estimate").asDouble(), within(1e-4 * 127.8));
    // Four more Newton steps (before the information of the term underflows to singular).
    CoxFit further = m.withControl(1e-15, atR.iterations() + 4).fit();
    assertThat(further.loglikFinal()).isGreaterThan(atR.loglikFinal());
    assertThat(further.coef()[other]).isLessThan(atR.coef()[other] - 3);
    assertThat(further.coef()[male]).isCloseTo(atR.coef()[male], within(1e-6));
  }

  private static double wald(CoxFit fit, int a, int b) {
    double[][] v = fit.robustVar();
    double det = v[a][a] * v[b][b] - v[a][b] * v[b][a];
    double ca = fit.coef()[a];
    double cb = fit.coef()[b];
    return (ca * (v[b][b] * ca - v[a][b] * cb) + cb * (v[a][a] * cb - v[b][a] * ca)) / det;
  }
}
