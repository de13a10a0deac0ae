package org.odtrial.analysis.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.Derivation;
import org.odtrial.analysis.data.DerivedCsv;
import org.odtrial.analysis.data.ExampleTrialSource;
import org.odtrial.analysis.estimate.Analysis;
import org.odtrial.analysis.plan.AnalysisPlan;

/**
 * Keeps docs/results.md in step with the code: its row tables name exactly the row ids of {@link
 * RowId}, every field and estimand a real results.json has (the example trial under the default
 * plan) is described, and its derived.csv table lists the columns {@link DerivedCsv} writes, in
 * order.
 */
class ResultsDocsTest {
  private static final Path DOC = Path.of("..", "docs", "results.md");
  private static final Pattern TABLE_ID = Pattern.compile("(?m)^\\| `([^`]+)`(?:, `([^`]+)`)? \\|");

  private static String doc;
  private static AnalysisData data;
  private static JsonNode results;

  @BeforeAll
  static void analyseTheExampleTrial() throws Exception {
    doc = Files.readString(DOC, StandardCharsets.UTF_8);
    AnalysisPlan plan = AnalysisPlan.defaults();
    data = Derivation.of(plan.horizonDays()).derive(ExampleTrialSource.upload());
    Results r = Analysis.of(plan).run(data, 1, "0".repeat(64), "1.0.0");
    results = new ObjectMapper().readTree(ResultsJson.toJson(r));
  }

  /** The text from the heading "## name" to the next heading of that level. */
  private static String section(String name) {
    int start = doc.indexOf("\n## " + name + "\n");
    assertThat(start).as("section ## %s of %s", name, DOC).isNotNegative();
    int end = doc.indexOf("\n## ", start + 4);
    return end < 0 ? doc.substring(start) : doc.substring(start, end);
  }

  /** The ids in the first cell of the tables of a section, as written (`a` or `a`, `b`). */
  private static List<String> firstCells(String section) {
    List<String> ids = new ArrayList<>();
    Matcher m = TABLE_ID.matcher(section);
    while (m.find()) {
      ids.add(m.group(1));
      if (m.group(2) != null) {
        ids.add(m.group(2));
      }
    }
    return ids;
  }

  /** Every row id the code can make, with the plan-named parts written as the page writes them. */
  private static Set<String> codeRowIds() throws IllegalAccessException {
    Set<String> ids = new LinkedHashSet<>();
    for (Field f : RowId.class.getFields()) {
      if (f.getType() == RowId.class && Modifier.isStatic(f.getModifiers())) {
        ids.add(((RowId) f.get(null)).value());
      }
    }
    for (RowId.RecoveryAnalysis a : RowId.RecoveryAnalysis.values()) {
      ids.add(RowId.recovery("I", 0, a).value().replace(".m0", ".mM"));
    }
    ids.add(RowId.coxInteraction("V").value());
    ids.add(RowId.coxSubgroup("V", "LEVEL").value());
    return ids;
  }

  @Test
  void theRowTablesNameExactlyTheRowIdsOfTheCode() throws Exception {
    assertThat(new TreeSet<>(firstCells(section("Row ids"))))
        .containsExactlyInAnyOrderElementsOf(new TreeSet<>(codeRowIds()));
  }

  @Test
  void everyRowOfARealResultsFileHasADocumentedId() throws Exception {
    Set<String> documented = new LinkedHashSet<>(firstCells(section("Row ids")));
    for (JsonNode row : results.get("estimates")) {
      RowId id = new RowId(row.get("id").asText());
      String generic =
          id.recoveryRow()
              .map(r -> RowId.recovery("I", 0, r.analysis()).value().replace(".m0", ".mM"))
              .or(() -> id.interactionVariable().map(v -> RowId.coxInteraction("V").value()))
              .or(() -> id.subgroupRow().map(s -> RowId.coxSubgroup("V", "LEVEL").value()))
              .orElse(id.value());
      assertThat(documented).as("row %s", id.value()).contains(generic);
    }
  }

  @Test
  void everyFieldAndEstimandOfARealResultsFileIsDescribed() {
    Set<String> names = new TreeSet<>();
    collectKeys(results, names, false);
    for (JsonNode row : results.get("estimates")) {
      names.add(row.get("estimand").asText());
    }
    // the example trial has every kind of row of the default plan, so every field is here
    assertThat(names).contains("theta", "var_cluster", "allocations", "imputed", "compliers");
    List<String> missing = new ArrayList<>();
    for (String n : names) {
      if (!doc.contains("`" + n + "`")) {
        missing.add(n);
      }
    }
    assertThat(missing)
        .as("fields and estimands of results.json not described in %s", DOC)
        .isEmpty();
  }

  /** The keys of results.json's objects; the plan's estimands are described in analysis-plan.md. */
  private static void collectKeys(JsonNode node, Set<String> names, boolean inEstimands) {
    if (node.isObject()) {
      Iterator<String> it = node.fieldNames();
      while (it.hasNext()) {
        String k = it.next();
        if (!inEstimands) {
          names.add(k);
        }
        collectKeys(node.get(k), names, inEstimands || k.equals("estimands"));
      }
    } else if (node.isArray()) {
      node.forEach(x -> collectKeys(x, names, inEstimands));
    }
  }

  @Test
  void theDerivedCsvTableListsItsColumnsInOrder() {
    StringWriter out = new StringWriter();
    DerivedCsv.write(data, out);
    String header = out.toString().substring(0, out.toString().indexOf('\n'));
    String table = section("derived.csv: the per-participant analysis data");
    List<String> documented = new ArrayList<>();
    Matcher row = Pattern.compile("(?m)^\\| ((?:`[a-z_0-9]+`(?:, )?)+) \\|").matcher(table);
    while (row.find()) {
      Matcher name = Pattern.compile("`([a-z_0-9]+)`").matcher(row.group(1));
      while (name.find()) {
        documented.add(name.group(1));
      }
    }
    assertThat(documented).containsExactly(header.split(","));
  }
}
