package org.odtrial.analysis.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsJsonTest {
  private static Results results(Estimate... e) {
    return new Results(
        "1.0.0",
        3,
        "ab12",
        false,
        "default",
        "cd34",
        730,
        List.of(e),
        List.of("a warning"),
        List.of());
  }

  @Test
  void writesTheDocumentedShapeAndLeavesOutFieldsThatDoNotApply() throws Exception {
    Estimate cox =
        Estimate.of(RowId.RELAPSE_COX, "hazard_ratio")
            .withContrast("OD vs TAU")
            .withEstimate(0.74)
            .withSe(0.12)
            .withCi(0.58, 0.94)
            .withPValue(0.013)
            .withN(640)
            .withEvents(301)
            .withClusters(32)
            .withMethod("Cox PH");
    JsonNode root = new ObjectMapper().readTree(ResultsJson.toJson(results(cox)));
    assertThat(root.get("odtrial_version").asText()).isEqualTo("1.0.0");
    assertThat(root.get("data").get("load").asInt()).isEqualTo(3);
    assertThat(root.get("data").get("blinded").asBoolean()).isFalse();
    assertThat(root.get("plan").get("horizon_days").asInt()).isEqualTo(730);
    assertThat(root.get("estimands").isArray()).isTrue();
    assertThat(root.get("estimands")).isEmpty();
    JsonNode e = root.get("estimates").get(0);
    assertThat(e.fieldNames())
        .toIterable()
        .containsExactly(
            "id",
            "estimand",
            "contrast",
            "estimate",
            "se",
            "ci_low",
            "ci_high",
            "p_value",
            "n",
            "events",
            "clusters",
            "method");
    assertThat(root.get("warnings").get(0).asText()).isEqualTo("a warning");
  }

  @Test
  void anEstimateThatCannotBeComputedIsNullWithANote() throws Exception {
    Estimate e =
        Estimate.of(RowId.RELAPSE_COX, "hazard_ratio")
            .withEstimate(Double.POSITIVE_INFINITY)
            .withSe(1.0)
            .notEstimable("no events in the OD arm");
    JsonNode n =
        new ObjectMapper().readTree(ResultsJson.toJson(results(e))).get("estimates").get(0);
    assertThat(n.get("estimate").isNull()).isTrue();
    assertThat(n.has("se")).isFalse();
    assertThat(n.get("note").asText()).isEqualTo("no events in the OD arm");
  }

  @Test
  void doublesAreWrittenInTheShortestFormThatReadsBack() {
    // Java 17's Double.toString gives 2.82879384806159008E17 here; the shortest round-trip form is
    // 17 digits shorter.
    double[] values = {
      2.82879384806159E17, 0.1, 1.0 / 3, 0.635144970757921, 1e-300, 730.0, -3.37298094428936
    };
    for (double v : values) {
      String json = ResultsJson.toJson(results(Estimate.of(new RowId("x"), "y").withEstimate(v)));
      String written = json.replaceAll("(?s).*\"estimate\": ([^,\\n]+).*", "$1");
      assertThat(Double.parseDouble(written)).isEqualTo(v);
      assertThat(written.replaceAll("[^0-9]", "").replaceFirst("^0+", "").length())
          .as("digits of %s", written)
          .isLessThanOrEqualTo(20);
    }
    String json =
        ResultsJson.toJson(
            results(Estimate.of(new RowId("x"), "y").withEstimate(2.82879384806159E17)));
    assertThat(json).contains("\"estimate\": 2.82879384806159E17");
  }

  @Test
  void sameResultsGiveTheSameBytes() {
    Estimate e =
        Estimate.of(RowId.MEETINGS, "meetings_per_participant")
            .withArm("OD")
            .withExtra("mean", 7.5)
            .withExtra("singular", true)
            .withExtra("median", 6L);
    assertThat(ResultsJson.toJson(results(e)))
        .isEqualTo(ResultsJson.toJson(results(e)))
        .contains("\"mean\": 7.5", "\"singular\": true", "\"median\": 6");
  }
}
