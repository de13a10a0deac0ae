package org.odtrial.analysis.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odtrial.analysis.fixtures.RFixture.assertRelative;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.analysis.fixtures.RFixture;
import org.odtrial.analysis.results.Estimate;

/**
 * The multiple-imputation rows pooled in R from odtrial's own export (recovery-mi.R, clubSandwich
 * 0.5.8 and mice 3.15.0): the export is regenerated here and must be byte for byte what R read (MD5
 * of every file), then every pooled figure must agree: estimate, se, Barnard-Rubin df, limits and
 * complete-data df 1e-6 relative (a limit near 0 to 1e-6 of the se), p 1e-4, relative increase in
 * variance and fraction of missing information 1e-6; the tipping-point row's pooled estimate and
 * p-value at every shift and its tipping point.
 */
class ImputationPooledInRTest {
  private static final JsonNode R = RFixture.load("recovery-mi.json").get("cases");
  @TempDir static Path export;
  private static final Map<String, List<Estimate>> ROWS = new HashMap<>();

  @BeforeAll
  static void exportEveryCase() throws IOException {
    for (ImputationCases.Case c : ImputationCases.all()) {
      Path dir = Files.createDirectories(export.resolve(c.name()));
      ROWS.put(c.name(), ImputationCases.run(c, dir));
    }
  }

  @Test
  void theExportIsWhatRRead() throws Exception {
    int files = 0;
    for (JsonNode c : R) {
      List<String> names = RFixture.names(c.get("files"));
      assertThat(names).hasSize(ImputationCases.settings().imputations());
      for (int k = 0; k < names.size(); k++) {
        Path f = export.resolve(c.get("case").asText()).resolve(names.get(k));
        assertThat(md5(f)).as(f.toString()).isEqualTo(c.get("md5").get(k).asText());
        files++;
      }
    }
    assertThat(files).isEqualTo(12 * 20);
  }

  @Test
  void pooledRowsAgreeWithR() {
    for (JsonNode c : R) {
      String what =
          c.get("case").asText()
              + " "
              + c.get("instrument").asText()
              + " m"
              + c.get("month").asInt();
      String prefix = "recovery." + c.get("instrument").asText() + ".m" + c.get("month").asInt();
      Estimate mi = row(c.get("case").asText(), prefix + ".mi");
      JsonNode want = c.get("mi");
      assertThat(mi.n()).as(what).isEqualTo(c.get("n").asLong());
      assertThat(mi.clusters()).as(what).isEqualTo(c.get("clusters").asInt());
      assertThat(mi.extras().get("imputed")).as(what).isEqualTo(c.get("imputed").asLong());
      assertThat(mi.extras().get("imputed_baseline"))
          .as(what)
          .isEqualTo(c.get("imputed_baseline").asLong());
      assertRelative(what + " estimate", mi.estimate(), want.get("estimate").asDouble(), 1e-6);
      assertRelative(what + " se", mi.se(), want.get("se").asDouble(), 1e-6);
      assertRelative(what + " df", mi.df(), want.get("df").asDouble(), 1e-6);
      limit(what + " ci_low", mi.ciLow(), want.get("ci_low").asDouble(), mi.se());
      limit(what + " ci_high", mi.ciHigh(), want.get("ci_high").asDouble(), mi.se());
      assertRelative(what + " p", mi.pValue(), want.get("p_value").asDouble(), 1e-4);
      assertRelative(
          what + " df_complete",
          (Double) mi.extras().get("df_complete"),
          want.get("df_complete").asDouble(),
          1e-6);
      if (!c.get("nothing_imputed").asBoolean()) {
        assertRelative(
            what + " riv", (Double) mi.extras().get("riv"), want.get("riv").asDouble(), 1e-6);
        assertRelative(
            what + " fmi", (Double) mi.extras().get("fmi"), want.get("fmi").asDouble(), 1e-6);
      }
      Estimate tip = row(c.get("case").asText(), prefix + ".tipping");
      if (!c.has("tipping")) {
        assertThat(tip.estimate()).as(what).isNull();
        assertThat(tip.note()).as(what).contains("so no shift changes the result");
        continue;
      }
      JsonNode t = c.get("tipping");
      assertThat(tip.extras().get("imputed_od")).as(what).isEqualTo(t.get("imputed_od").asLong());
      @SuppressWarnings("unchecked")
      List<Double> estimates = (List<Double>) tip.extras().get("estimates");
      @SuppressWarnings("unchecked")
      List<Double> ps = (List<Double>) tip.extras().get("p_values");
      for (int k = 0; k < estimates.size(); k++) {
        assertRelative(
            what + " delta " + k, estimates.get(k), t.get("estimates").get(k).asDouble(), 1e-6);
        assertRelative(
            what + " p delta " + k, ps.get(k), t.get("p_values").get(k).asDouble(), 1e-4);
      }
      if (t.get("tipping_point").isNull()) {
        assertThat(tip.estimate()).as(what).isNull();
        assertThat(tip.note()).as(what).contains("no shift in the plan's grid");
      } else {
        assertThat(tip.estimate()).as(what).isEqualTo(t.get("tipping_point").asDouble());
      }
    }
  }

  /** With no missing score MI is the complete-case CR2 analysis, exactly. */
  @Test
  void withNoMissingDataMultipleImputationIsTheCompleteCaseAnalysis() {
    var data = RecoveryTrials.of("no_missing");
    for (int month : List.of(12, 24)) {
      Estimate mi = row("no_missing", "recovery.QPR.m" + month + ".mi");
      Estimate cr2 =
          RecoveryRows.of(data, "QPR", month).stream()
              .filter(e -> e.id().value().endsWith(".cr2"))
              .findFirst()
              .orElseThrow();
      assertThat(mi.estimate()).isEqualTo(cr2.estimate());
      assertThat(mi.se()).isEqualTo(cr2.se());
      assertThat(mi.df()).isEqualTo(cr2.df());
      assertThat(mi.ciLow()).isEqualTo(cr2.ciLow());
      assertThat(mi.ciHigh()).isEqualTo(cr2.ciHigh());
      assertThat(mi.pValue()).isEqualTo(cr2.pValue());
      assertThat(mi.n()).isEqualTo(cr2.n());
      assertThat(mi.note()).contains("nothing was imputed");
    }
  }

  private static Estimate row(String c, String id) {
    return ROWS.get(c).stream()
        .filter(e -> e.id().value().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + id + " in " + c));
  }

  private static void limit(String what, double actual, double expected, double se) {
    assertThat(Math.abs(actual - expected))
        .as("%s: %s vs R %s", what, actual, expected)
        .isLessThanOrEqualTo(1e-6 * Math.max(Math.abs(expected), se));
  }

  private static String md5(Path f) throws IOException, NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(f)));
  }
}
