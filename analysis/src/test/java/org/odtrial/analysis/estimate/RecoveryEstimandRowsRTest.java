package org.odtrial.analysis.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odtrial.analysis.fixtures.RFixture.assertRelative;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.descriptive.Compliance;
import org.odtrial.analysis.fixtures.RFixture;
import org.odtrial.analysis.results.Estimate;

/**
 * Rows {@code recovery.QPR.mM.mmrm} and {@code .cace} on the generated trials of recovery-trials.R
 * (4 clusters, clusters of size 1, heavy missingness, no missing data, one arm only at month 24,
 * singular fits, no compliers in an arm, all or no compliers, a weak instrument, a single month)
 * against lmerTest 3.1.3 / pbkrtest 0.5.2 (at R's re-minimised REML point) and AER 1.2.10 /
 * sandwich 3.0.2: estimates, se, df and limits 1e-6 relative (a limit near 0 to 1e-6 of the se),
 * p-values 1e-4, counts exactly; where R has no estimate the row is null with a note.
 */
class RecoveryEstimandRowsRTest {
  private static final JsonNode R = RFixture.load("recovery-trials.json");

  static Stream<Arguments> mmrmCases() {
    List<Arguments> out = new ArrayList<>();
    R.get("mmrm").forEach(c -> out.add(Arguments.of(c.get("case").asText())));
    return out.stream();
  }

  static Stream<Arguments> caceCases() {
    List<Arguments> out = new ArrayList<>();
    R.get("cace")
        .forEach(c -> out.add(Arguments.of(c.get("case").asText(), c.get("month").asInt())));
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("mmrmCases")
  void mmrmRowsAgreeWithLmerTestContest(String name) {
    JsonNode c = null;
    for (JsonNode x : R.get("mmrm")) {
      if (x.get("case").asText().equals(name)) {
        c = x;
      }
    }
    String dataCase = name.replace(".single_month", "");
    List<Integer> months = new ArrayList<>();
    c.get("months").forEach(m -> months.add(m.asInt()));
    AnalysisData data = RecoveryTrials.of(dataCase);
    List<Estimate> rows = MmrmRows.of(data, "QPR", months);
    assertThat(rows).hasSize(months.size());
    for (int k = 0; k < months.size(); k++) {
      Estimate e = rows.get(k);
      JsonNode con = c.get("contrasts").get(k);
      String what = name + " month " + months.get(k);
      assertThat(e.id().value()).isEqualTo("recovery.QPR.m" + months.get(k) + ".mmrm");
      assertThat(e.n()).as(what + " n").isEqualTo(c.get("n").asLong());
      assertThat(e.extras().get("observations"))
          .as(what + " observations")
          .isEqualTo(c.get("observations").asLong());
      assertThat(e.extras().get("months").toString())
          .isEqualTo(RFixture.names(c.get("present")).toString().replace("\"", ""));
      if (!con.get("estimable").asBoolean()) {
        assertThat(e.estimate()).as(what).isNull();
        assertThat(e.note()).as(what).contains("not estimable", "dropped, as lmer does");
        continue;
      }
      JsonNode want = con.get("opt");
      assertThat(e.extras().get("singular"))
          .as(what + " singular")
          .isEqualTo(c.get("opt").get("singular").asBoolean());
      assertRelative(what + " estimate", e.estimate(), want.get("estimate").asDouble(), 1e-6);
      assertRelative(what + " se", e.se(), want.get("se").asDouble(), 1e-6);
      assertRelative(what + " df", e.df(), want.get("df").asDouble(), 1e-6);
      limit(what + " ci_low", e.ciLow(), want.get("ci_low").asDouble(), e.se());
      limit(what + " ci_high", e.ciHigh(), want.get("ci_high").asDouble(), e.se());
      assertRelative(what + " p", e.pValue(), want.get("p_value").asDouble(), 1e-4);
      if (c.get("dropped").size() > 0) {
        assertThat(e.note()).as(what).contains("dropped, as lmer does");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("caceCases")
  void caceRowsAgreeWithIvregAndVcovCl(String name, int month) {
    JsonNode c = null;
    for (JsonNode x : R.get("cace")) {
      if (x.get("case").asText().equals(name) && x.get("month").asInt() == month) {
        c = x;
      }
    }
    AnalysisData data = RecoveryTrials.of(name);
    Estimate e = CaceRows.of(data, Compliance.compliers(data), "QPR", month);
    String what = name + " month " + month;
    assertThat(e.id().value()).isEqualTo("recovery.QPR.m" + month + ".cace");
    assertThat(e.n()).as(what + " n").isEqualTo(c.get("n").asLong());
    assertThat(e.extras().get("compliers")).isEqualTo(c.get("compliers").asLong());
    assertThat(e.extras().get("compliers_od")).isEqualTo(c.get("compliers_od").asLong());
    assertThat(e.extras().get("compliers_tau")).isEqualTo(c.get("compliers_tau").asLong());
    if (c.has("first_stage_f")) {
      assertRelative(
          what + " first-stage F",
          (Double) e.extras().get("first_stage_f"),
          c.get("first_stage_f").asDouble(),
          1e-6);
    }
    if (!c.has("estimate")) {
      assertThat(e.estimate()).as(what).isNull();
      assertThat(e.note()).as(what).isNotBlank();
      return;
    }
    assertRelative(what + " estimate", e.estimate(), c.get("estimate").asDouble(), 1e-6);
    assertRelative(what + " se", e.se(), c.get("se").asDouble(), 1e-6);
    limit(what + " ci_low", e.ciLow(), c.get("ci_low").asDouble(), e.se());
    limit(what + " ci_high", e.ciHigh(), c.get("ci_high").asDouble(), e.se());
    assertRelative(what + " p", e.pValue(), c.get("p_value").asDouble(), 1e-4);
    boolean weak = c.get("first_stage_f").asDouble() < CaceRows.WEAK_INSTRUMENT_F;
    assertThat(e.note() != null && e.note().contains("weak instrument")).as(what).isEqualTo(weak);
  }

  private static void limit(String what, double actual, double expected, double se) {
    assertThat(Math.abs(actual - expected))
        .as("%s: %s vs R %s", what, actual, expected)
        .isLessThanOrEqualTo(1e-6 * Math.max(Math.abs(expected), se));
  }
}
