package org.odtrial.analysis.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.odtrial.analysis.plan.Estimand.MissingData;
import org.odtrial.analysis.plan.Estimand.Strategy;
import org.odtrial.analysis.plan.Estimand.Summary;

/**
 * docs/analysis-plan.md says what the reader accepts: its generated parts are the code's own (see
 * {@link PlanDocs}), its worked example is a valid plan in canonical form with the fingerprint the
 * page prints, and its version-1 example reads as the page says.
 */
class PlanDocsTest {
  private static final Path DOC = Path.of("..", "docs", "analysis-plan.md");

  private static String doc() throws Exception {
    return Files.readString(DOC, StandardCharsets.UTF_8);
  }

  /** The JSON block after a marker comment. */
  private static String block(String doc, String marker) {
    Matcher m =
        Pattern.compile("<!-- " + Pattern.quote(marker) + " -->\n```json\n(.*?)```", Pattern.DOTALL)
            .matcher(doc);
    assertThat(m.find()).as("a ```json block after <!-- %s --> in %s", marker, DOC).isTrue();
    return m.group(1);
  }

  @Test
  void generatedPartsAreTheCodesOwn() throws Exception {
    String doc = doc();
    String filled = PlanDocs.fill(doc);
    if (Boolean.getBoolean("odtrial.regenerate")) {
      Files.writeString(DOC, filled, StandardCharsets.UTF_8);
    }
    assertThat(doc)
        .as("docs/analysis-plan.md is out of date: regenerate it with PlanDocs (see its javadoc)")
        .isEqualTo(filled)
        .contains("<!-- generated: rows -->", "<!-- generated: default-estimands -->");
  }

  @Test
  void theWorkedExampleIsAValidPlanInCanonicalFormWithThePrintedFingerprint() throws Exception {
    String doc = doc();
    String json = block(doc, "worked example");
    AnalysisPlan plan = PlanReader.read(json, "worked example");
    assertThat(plan.toJson()).isEqualTo(json);
    assertThat(doc).contains("`" + plan.sha256() + "`");
    // it sets every key of a plan and of an estimand, and uses every strategy and summary
    JsonNode tree = new ObjectMapper().readTree(json);
    assertThat(names(tree)).containsExactlyElementsOf(PlanReader.KEYS);
    Set<String> keys = new LinkedHashSet<>();
    tree.get("estimands").forEach(e -> keys.addAll(names(e)));
    assertThat(keys).containsExactlyInAnyOrderElementsOf(EstimandReader.KEYS);
    Set<Strategy> strategies = EnumSet.noneOf(Strategy.class);
    Set<Summary> summaries = EnumSet.noneOf(Summary.class);
    Set<MissingData> missing = EnumSet.noneOf(MissingData.class);
    for (Estimand e : plan.estimands()) {
      strategies.addAll(e.intercurrentEvents().values());
      summaries.add(e.summary());
      if (e.missingData() != null) {
        missing.add(e.missingData());
      }
    }
    assertThat(strategies).containsExactlyInAnyOrder(Strategy.values());
    assertThat(summaries).containsExactlyInAnyOrder(Summary.values());
    // not at random is the assumption of a sensitivity analysis only (the tipping point)
    assertThat(missing)
        .containsExactlyInAnyOrder(MissingData.MISSING_AT_RANDOM, MissingData.COMPLETE_CASES);
    assertThat(json).contains(".tipping\"");
  }

  @Test
  void everyKeyIsDocumented() throws Exception {
    String doc = doc();
    for (String k : PlanReader.KEYS) {
      assertThat(doc).as("plan key %s", k).contains("| `" + k + "` |");
    }
    for (String k : EstimandReader.KEYS) {
      assertThat(doc).as("estimand key %s", k).contains("| `" + k + "` |");
    }
  }

  @Test
  void theVersionOneExampleReadsAsTheDefaultPlanWithItsSettings() throws Exception {
    AnalysisPlan plan = PlanReader.read(block(doc(), "version-1 example"), "version-1 example");
    AnalysisPlan defaults = AnalysisPlan.defaults();
    assertThat(plan.horizonDays()).isNotEqualTo(defaults.horizonDays());
    assertThat(plan.subgroups()).isEqualTo(defaults.subgroups());
    assertThat(plan.permutation()).isEqualTo(defaults.permutation());
    assertThat(plan.multipleImputation()).isEqualTo(defaults.multipleImputation());
    assertThat(plan.estimands()).isEqualTo(DefaultEstimands.of(plan.recovery()));
  }

  private static List<String> names(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
