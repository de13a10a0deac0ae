package org.odtrial.analysis.plan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.odtrial.analysis.plan.Estimand.Coded;
import org.odtrial.analysis.plan.Estimand.Event;
import org.odtrial.analysis.plan.Estimand.MissingData;
import org.odtrial.analysis.plan.Estimand.Outcome;
import org.odtrial.analysis.plan.Estimand.Population;
import org.odtrial.analysis.plan.Estimand.Strategy;
import org.odtrial.analysis.plan.Estimand.Summary;
import org.odtrial.analysis.plan.Estimand.Variable;
import org.odtrial.analysis.plan.RowCatalogue.Facts;
import org.odtrial.analysis.plan.RowCatalogue.Kind;
import org.odtrial.analysis.results.RowId;

/**
 * Fills the generated parts of docs/analysis-plan.md from the code, so that the allowed values, the
 * rows an estimand may name and the default estimands never drift from what the reader accepts
 * ({@code PlanDocsTest} fails if they do). A generated part sits between {@code <!-- generated:
 * NAME -->} and {@code <!-- end of generated NAME -->}. Regenerate from the analysis module: {@code
 * java -cp target/classes:target/test-classes:$(cat cp.txt) org.odtrial.analysis.plan.PlanDocs
 * ../docs/analysis-plan.md}, or run {@code PlanDocsTest} with {@code -Dodtrial.regenerate=true}.
 */
public final class PlanDocs {
  private static final Pattern BLOCK =
      Pattern.compile(
          "(<!-- generated: ([a-z-]+) -->\n)(.*?)(<!-- end of generated \\2 -->)", Pattern.DOTALL);

  /** Instrument and month standing for any in the rows table. */
  private static final String INSTRUMENT = "QPR";

  private static final int MONTH = 12;

  private PlanDocs() {}

  /** The document with every generated part rendered afresh. */
  static String fill(String doc) {
    Matcher m = BLOCK.matcher(doc);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String body = render(m.group(2));
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + body + m.group(4)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String render(String name) {
    return switch (name) {
      case "population" -> terms(Population.class);
      case "outcomes" -> terms(Outcome.class);
      case "events" -> terms(Event.class);
      case "strategies" -> strategies();
      case "missing-data" -> terms(MissingData.class);
      case "summaries" -> terms(Summary.class);
      case "rows" -> rows();
      case "default-estimands" -> defaults();
      default -> throw new IllegalArgumentException("no generated part named " + name);
    };
  }

  private static <E extends Enum<E> & Coded> String terms(Class<E> type) {
    StringBuilder b = new StringBuilder("| value | meaning |\n|---|---|\n");
    for (E e : type.getEnumConstants()) {
      b.append("| `").append(e.code()).append("` | ").append(e.words()).append(" |\n");
    }
    return b.toString();
  }

  /** Each strategy, its meaning, and the variables whose rows implement it. */
  private static String strategies() {
    RowCatalogue rows = RowCatalogue.of(Map.of(INSTRUMENT, List.of(MONTH)), List.of());
    StringBuilder b =
        new StringBuilder(
            "| intercurrent event | strategy | meaning | for the outcomes |\n|---|---|---|---|\n");
    for (Event e : Event.values()) {
      for (Strategy s : Strategy.values()) {
        List<String> outcomes = new ArrayList<>();
        for (Outcome o : Outcome.values()) {
          boolean implemented =
              rows.rows().values().stream()
                  .anyMatch(
                      f ->
                          f.kind() == Kind.ESTIMATE
                              && f.variable().outcome() == o
                              && f.strategies().get(e) == s);
          if (implemented) {
            outcomes.add("`" + o.code() + "`");
          }
        }
        if (!outcomes.isEmpty()) {
          b.append("| `")
              .append(e.code())
              .append("` | `")
              .append(s.code())
              .append("` | ")
              .append(s.words())
              .append(" | ")
              .append(String.join(", ", outcomes))
              .append(" |\n");
        }
      }
    }
    return b.toString();
  }

  /** Every row an estimand may name, with what it estimates and the roles it may play. */
  private static String rows() {
    RowCatalogue rows = RowCatalogue.of(Map.of(INSTRUMENT, List.of(MONTH)), List.of());
    StringBuilder b =
        new StringBuilder(
            "| row | what it is | variable | death | treatment received | missing data |"
                + " summary | may be |\n|---|---|---|---|---|---|---|---|\n");
    for (Map.Entry<RowId, Facts> x : rows.rows().entrySet()) {
      Facts f = x.getValue();
      String role =
          switch (f.kind()) {
            case ESTIMATE -> "main or sensitivity analysis";
            case TEST, TIPPING_POINT -> "sensitivity analysis";
            default -> null;
          };
      if (role == null) {
        continue;
      }
      b.append("| `")
          .append(general(x.getKey().value()))
          .append("` | ")
          .append(f.what())
          .append(" | ")
          .append(variable(f.variable()))
          .append(" | `")
          .append(f.strategies().get(Event.DEATH).code())
          .append("` | `")
          .append(f.strategies().get(Event.TREATMENT_RECEIVED).code())
          .append("` | ")
          .append(f.missingData() == null ? "" : "`" + f.missingData().code() + "`")
          .append(" | ")
          .append(f.summary() == null ? "" : "`" + f.summary().code() + "`")
          .append(" | ")
          .append(role)
          .append(" |\n");
    }
    return b.toString();
  }

  /** The default plan's estimands (built from the default instruments and months). */
  private static String defaults() {
    StringBuilder b =
        new StringBuilder(
            "| id | label | role | death | treatment received | missing data | summary | main"
                + " analysis | sensitivity analyses |\n|---|---|---|---|---|---|---|---|---|\n");
    for (Estimand e : AnalysisPlan.defaults().estimands()) {
      b.append("| `")
          .append(e.id())
          .append("` | ")
          .append(e.label())
          .append(" | ")
          .append(
              e.primary()
                  ? "primary"
                  : e.supplementary() ? "supplementary to `" + e.supplementaryTo() + "`" : "")
          .append(" | `")
          .append(e.intercurrentEvents().get(Event.DEATH).code())
          .append("` | `")
          .append(e.intercurrentEvents().get(Event.TREATMENT_RECEIVED).code())
          .append("` | ")
          .append(e.missingData() == null ? "" : "`" + e.missingData().code() + "`")
          .append(" | `")
          .append(e.summary().code())
          .append("` | `")
          .append(e.mainAnalysis().value())
          .append("` | ")
          .append(
              e.sensitivityAnalyses().stream()
                  .map(r -> "`" + r.value() + "`")
                  .collect(Collectors.joining(", ")))
          .append(" |\n");
    }
    return b.toString();
  }

  private static String variable(Variable v) {
    return v.outcome() == Outcome.SCORE
        ? "`score` of I at month M"
        : "`" + v.outcome().code() + "`";
  }

  /** A recovery row's id with its instrument and month as I and M. */
  private static String general(String id) {
    return id.replace("recovery." + INSTRUMENT + ".m" + MONTH, "recovery.I.mM");
  }

  public static void main(String[] args) throws IOException {
    Path doc = Path.of(args[0]);
    Files.writeString(
        doc, fill(Files.readString(doc, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
  }
}
