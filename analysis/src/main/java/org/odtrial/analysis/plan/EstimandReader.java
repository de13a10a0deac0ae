package org.odtrial.analysis.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.odtrial.analysis.AnalysisException;
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
 * Reads and checks a plan's {@code estimands}: every key and value, every referenced row against
 * the rows the plan computes ({@link RowCatalogue}), and the estimands against each other. Messages
 * name the key (such as {@code estimands[2].sensitivity_analyses[1]}) and what is allowed.
 */
final class EstimandReader {
  private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
  private static final int MAX_LABEL = 200;
  static final List<String> KEYS =
      List.of(
          "id",
          "label",
          "primary",
          "supplementary_to",
          "population",
          "variable",
          "intercurrent_events",
          "missing_data",
          "summary",
          "main_analysis",
          "sensitivity_analyses");
  private static final List<String> REQUIRED =
      List.of(
          "id",
          "label",
          "primary",
          "population",
          "variable",
          "intercurrent_events",
          "summary",
          "main_analysis");

  private final String source;
  private final Map<String, List<Integer>> recovery;
  private final RowCatalogue rows;

  private EstimandReader(
      String source, Map<String, List<Integer>> recovery, List<String> subgroups) {
    this.source = source;
    this.recovery = recovery;
    this.rows = RowCatalogue.of(recovery, subgroups);
  }

  /**
   * Reads the {@code estimands} list of a plan whose other settings are already read.
   *
   * @param recovery the plan's instruments and months (they decide which scores are analysed)
   * @param subgroups the plan's subgroup variables
   */
  static List<Estimand> read(
      JsonNode node, String source, Map<String, List<Integer>> recovery, List<String> subgroups) {
    return new EstimandReader(source, recovery, subgroups).list(node);
  }

  private List<Estimand> list(JsonNode node) {
    if (!node.isArray() || node.isEmpty()) {
      throw error(
          "estimands",
          "must be a non-empty list of estimands (objects); print the default plan with 'odtrial"
              + " plan --default' for a complete example");
    }
    List<Estimand> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String key = "estimands[" + i + "]";
      Estimand e = estimand(node.get(i), key);
      for (int j = 0; j < out.size(); j++) {
        if (out.get(j).id().equals(e.id())) {
          throw error(
              key + ".id", "\"" + e.id() + "\" is also the id of estimands[" + j + "]: ids differ");
        }
      }
      checkRows(e, key);
      out.add(e);
    }
    checkTogether(out);
    return out;
  }

  private Estimand estimand(JsonNode node, String key) {
    if (!node.isObject()) {
      throw error(key, "must be an object with the keys " + String.join(", ", REQUIRED));
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!KEYS.contains(k)) {
        throw error(
            key, "unknown key \"" + k + "\"; an estimand may set " + String.join(", ", KEYS));
      }
    }
    for (String k : REQUIRED) {
      if (!node.has(k)) {
        throw error(
            key,
            "missing \""
                + k
                + "\"; every estimand names "
                + String.join(", ", REQUIRED)
                + " (and missing_data for a score)");
      }
    }
    String id = text(node.get("id"), key + ".id");
    if (!ID.matcher(id).matches()) {
      throw error(
          key + ".id",
          "must start with a letter and hold only letters, digits, _, - and . (at most 64), got \""
              + id
              + "\"");
    }
    String label = text(node.get("label"), key + ".label");
    if (label.isBlank() || label.length() > MAX_LABEL) {
      throw error(
          key + ".label",
          String.format(
              Locale.ROOT, "must be a non-empty text of at most %d characters", MAX_LABEL));
    }
    JsonNode p = node.get("primary");
    if (!p.isBoolean()) {
      throw error(key + ".primary", "must be true or false, got " + p);
    }
    String supplementaryTo =
        node.has("supplementary_to")
            ? text(node.get("supplementary_to"), key + ".supplementary_to")
            : null;
    Population population =
        term(
            node.get("population"),
            key + ".population",
            Population.class,
            " (all randomised participants, analysed in the arm they were randomised to: the one"
                + " population the trial's data define)");
    Variable variable = variable(node.get("variable"), key + ".variable");
    Map<Event, Strategy> events =
        events(node.get("intercurrent_events"), key + ".intercurrent_events", variable);
    MissingData missing = missingData(node, key, variable);
    Summary summary = summary(node.get("summary"), key + ".summary", variable, events);
    RowId main = rowId(node.get("main_analysis"), key + ".main_analysis");
    List<RowId> sensitivity = new ArrayList<>();
    if (node.has("sensitivity_analyses")) {
      JsonNode list = node.get("sensitivity_analyses");
      String k = key + ".sensitivity_analyses";
      if (!list.isArray()) {
        throw error(k, "must be a list of results row ids such as [\"relapse.gray\"]");
      }
      for (int j = 0; j < list.size(); j++) {
        RowId id2 = rowId(list.get(j), k + "[" + j + "]");
        if (id2.equals(main)) {
          throw error(k + "[" + j + "]", "\"" + id2 + "\" is the main analysis");
        }
        if (sensitivity.contains(id2)) {
          throw error(k + "[" + j + "]", "\"" + id2 + "\" is listed twice");
        }
        sensitivity.add(id2);
      }
    }
    return new Estimand(
        id,
        label,
        p.booleanValue(),
        supplementaryTo,
        population,
        variable,
        events,
        missing,
        summary,
        main,
        sensitivity);
  }

  private Variable variable(JsonNode node, String key) {
    if (!node.isObject()) {
      throw error(
          key,
          "must be an object such as {\"outcome\": \"relapse\"} or {\"outcome\": \"score\","
              + " \"instrument\": \"QPR\", \"month\": 12}");
    }
    List<String> keys = List.of("outcome", "instrument", "month");
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!keys.contains(k)) {
        throw error(
            key, "unknown key \"" + k + "\"; a variable may set outcome, instrument, month");
      }
    }
    if (!node.has("outcome")) {
      throw error(key, "missing \"outcome\" (one of " + Estimand.codes(Outcome.class) + ")");
    }
    Outcome outcome = term(node.get("outcome"), key + ".outcome", Outcome.class, "");
    if (outcome != Outcome.SCORE) {
      for (String k : List.of("instrument", "month")) {
        if (node.has(k)) {
          throw error(
              key + "." + k,
              "applies to a score only; "
                  + outcome.code()
                  + " is analysed up to the plan's horizon_days");
        }
      }
      return Variable.of(outcome);
    }
    if (!node.has("instrument") || !node.has("month")) {
      throw error(
          key,
          "a score names its instrument and month, such as \"instrument\": \"QPR\", \"month\": 12");
    }
    String instrument = text(node.get("instrument"), key + ".instrument");
    JsonNode m = node.get("month");
    if (!m.isIntegralNumber() || !m.canConvertToInt()) {
      throw error(key + ".month", "must be a whole number, got " + m);
    }
    int month = m.intValue();
    List<Integer> months = recovery.get(instrument);
    if (months == null) {
      throw error(
          key + ".instrument",
          "\""
              + instrument
              + "\" is not analysed by this plan: the recovery key decides which instruments and"
              + " months are analysed, and it names "
              + (recovery.isEmpty() ? "none" : String.join(", ", recovery.keySet()))
              + "; add it there");
    }
    if (!months.contains(month)) {
      throw error(
          key + ".month",
          String.format(
              Locale.ROOT,
              "%s at month %d is not analysed by this plan: recovery.%s lists %s; add the month"
                  + " there",
              instrument,
              month,
              instrument,
              months.stream().map(String::valueOf).collect(Collectors.joining(", "))));
    }
    return Variable.score(instrument, month);
  }

  private Map<Event, Strategy> events(JsonNode node, String key, Variable variable) {
    if (!node.isObject()) {
      throw error(
          key,
          "must be an object of event to strategy, such as {\"death\": \"competing_risks\","
              + " \"treatment_received\": \"treatment_policy\"}");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (Estimand.ofCode(Event.class, k).isEmpty()) {
        throw error(
            key,
            "unknown event \""
                + k
                + "\"; the intercurrent events are "
                + Estimand.codes(Event.class)
                + " (a missed interview is missing data, not an intercurrent event: see"
                + " missing_data)");
      }
    }
    Map<Event, Strategy> out = new EnumMap<>(Event.class);
    for (Event e : Event.values()) {
      String k = key + "." + e.code();
      if (!node.has(e.code())) {
        throw error(
            key,
            "missing \""
                + e.code()
                + "\": an estimand says how it handles each intercurrent event ("
                + Estimand.codes(Event.class)
                + ")");
      }
      Strategy s = term(node.get(e.code()), k, Strategy.class, "");
      Set<Strategy> allowed = new LinkedHashSet<>();
      for (Facts f : rows.rows().values()) {
        if (f.kind() == Kind.ESTIMATE && variable.equals(f.variable())) {
          allowed.add(f.strategies().get(e));
        }
      }
      if (!allowed.contains(s)) {
        throw error(
            k,
            "\""
                + s.code()
                + "\" is not a strategy odtrial's rows implement for "
                + describe(variable)
                + "; allowed: "
                + allowed.stream().map(Strategy::code).collect(Collectors.joining(", "))
                + why(e, s, variable.outcome()));
      }
      out.put(e, s);
    }
    return out;
  }

  /** Why a strategy is not offered, where a statistician may expect it. */
  private static String why(Event e, Strategy s, Outcome outcome) {
    if (e == Event.TREATMENT_RECEIVED) {
      return outcome == Outcome.SCORE
          ? ""
          : " (the complier average causal effect is computed for questionnaire scores:"
              + " recovery.I.mM.cace)";
    }
    return switch (outcome) {
      case RELAPSE ->
          s == Strategy.WHILE_ALIVE
              ? " (for time to relapse the while-alive strategy is competing_risks: the cumulative"
                  + " incidence of relapse while alive)"
              : "";
      case ADMISSIONS, BED_DAYS ->
          " (hospital use is counted over follow-up, which ends at death: the while-alive"
              + " strategy)";
      case SCORE ->
          " (there is no score after death; the rows treat it as missing, as if the participant"
              + " had lived)";
    };
  }

  private MissingData missingData(JsonNode node, String key, Variable variable) {
    String k = key + ".missing_data";
    if (variable.outcome() != Outcome.SCORE) {
      if (node.has("missing_data")) {
        throw error(
            k,
            variable.outcome().code()
                + " comes from service records, not interviews; missing_data applies to"
                + " scores only");
      }
      return null;
    }
    if (!node.has("missing_data")) {
      throw error(
          key,
          "missing \"missing_data\": a score's estimand says how its main analysis handles"
              + " missed interviews (missing_at_random or complete_cases)");
    }
    MissingData m = term(node.get("missing_data"), k, MissingData.class, "");
    if (m == MissingData.MISSING_NOT_AT_RANDOM) {
      throw error(
          k,
          "\"missing_not_at_random\" is the assumption of a sensitivity analysis (the tipping"
              + " point, recovery.I.mM.tipping), not of a main analysis; use missing_at_random or"
              + " complete_cases");
    }
    return m;
  }

  private Summary summary(JsonNode node, String key, Variable variable, Map<Event, Strategy> s) {
    Summary summary = term(node, key, Summary.class, "");
    Set<Summary> allowed = new LinkedHashSet<>();
    for (Facts f : rows.rows().values()) {
      if (f.kind() == Kind.ESTIMATE && variable.equals(f.variable()) && s.equals(f.strategies())) {
        allowed.add(f.summary());
      }
    }
    if (!allowed.contains(summary)) {
      throw error(
          key,
          "\""
              + summary.code()
              + "\" is not estimated by any row for "
              + describe(variable)
              + " with "
              + strategies(s)
              + "; allowed: "
              + allowed.stream().map(Summary::code).collect(Collectors.joining(", ")));
    }
    return summary;
  }

  /** The main analysis and the sensitivity analyses: rows of this plan, of this estimand. */
  private void checkRows(Estimand e, String key) {
    Facts main = computed(e.mainAnalysis(), key + ".main_analysis");
    analysis(e, e.mainAnalysis(), main, key + ".main_analysis");
    if (main.kind() != Kind.ESTIMATE) {
      throw error(
          key + ".main_analysis",
          "\""
              + e.mainAnalysis()
              + "\" is "
              + main.what()
              + ", which does not estimate the "
              + e.summary().words()
              + "; a main analysis estimates the estimand's summary (rows: "
              + mains(e, null)
              + "); list it under sensitivity_analyses");
    }
    if (main.summary() != e.summary()) {
      throw error(
          key + ".main_analysis",
          "\""
              + e.mainAnalysis()
              + "\" estimates "
              + main.summary().code()
              + ", this estimand's summary is "
              + e.summary().code()
              + " (rows: "
              + mains(e, null)
              + ")");
    }
    if (!Objects.equals(main.missingData(), e.missingData())) {
      throw error(
          key + ".main_analysis",
          "\""
              + e.mainAnalysis()
              + "\" analyses "
              + main.missingData().code()
              + ", this estimand's missing_data is "
              + e.missingData().code()
              + " (rows: "
              + mains(e, e.missingData())
              + ")");
    }
    for (int j = 0; j < e.sensitivityAnalyses().size(); j++) {
      String k = key + ".sensitivity_analyses[" + j + "]";
      RowId id = e.sensitivityAnalyses().get(j);
      Facts f = computed(id, k);
      analysis(e, id, f, k);
      if (f.kind() == Kind.ESTIMATE && f.summary() != e.summary()) {
        throw error(
            k,
            "\""
                + id
                + "\" estimates "
                + f.summary().code()
                + ", this estimand's summary is "
                + e.summary().code()
                + ": another summary is another estimand, so its analysis is a supplementary"
                + " analysis; write it as an estimand of its own with \"supplementary_to\": \""
                + parent(e)
                + "\"");
      }
    }
  }

  /** The row exists in this plan's results. */
  private Facts computed(RowId id, String key) {
    return rows.facts(id)
        .orElseThrow(
            () -> {
              String hint =
                  id.recoveryRow()
                      .map(
                          r ->
                              recovery.containsKey(r.instrument())
                                  ? String.format(
                                      Locale.ROOT,
                                      " (month %d of %s is not in recovery.%s)",
                                      r.month(),
                                      r.instrument(),
                                      r.instrument())
                                  : " (" + r.instrument() + " is not in recovery)")
                      .orElse(
                          id.value().startsWith("relapse.cox.subgroup.")
                              ? " (a subgroup's hazard ratio is for another population, not"
                                  + " an analysis of an estimand of all randomised participants)"
                              : " (docs/results.md lists every row id)");
              return error(key, "\"" + id + "\" is not a row this plan computes" + hint);
            });
  }

  /** The row analyses the arm effect on this estimand's variable with its strategies. */
  private void analysis(Estimand e, RowId id, Facts f, String key) {
    if (f.kind() == Kind.PER_ARM
        || f.kind() == Kind.ASSUMPTION_CHECK
        || f.kind() == Kind.SUBGROUP
        || f.kind() == Kind.DELIVERY) {
      throw error(
          key,
          "\""
              + id
              + "\" is "
              + f.what()
              + ", not an analysis of the arm effect; main and sensitivity analyses are rows that"
              + " estimate or test the effect of Open Dialogue");
    }
    if (!e.variable().equals(f.variable())) {
      throw error(
          key,
          "\""
              + id
              + "\" analyses "
              + describe(f.variable())
              + ", this estimand's variable is "
              + describe(e.variable()));
    }
    for (Event ev : Event.values()) {
      Strategy want = e.intercurrentEvents().get(ev);
      Strategy got = f.strategies().get(ev);
      if (want != got) {
        throw error(
            key,
            "\""
                + id
                + "\" handles "
                + ev.code()
                + " by the "
                + got.code()
                + " strategy, this estimand by "
                + want.code()
                + ": an analysis of another estimand is a supplementary analysis; write it as an"
                + " estimand of its own with \"supplementary_to\": \""
                + parent(e)
                + "\"");
      }
    }
  }

  /** The estimands against each other: one definition each, supplements, a primary. */
  private void checkTogether(List<Estimand> all) {
    boolean primary = false;
    for (int i = 0; i < all.size(); i++) {
      Estimand e = all.get(i);
      String key = "estimands[" + i + "]";
      primary |= e.primary();
      for (int j = 0; j < i; j++) {
        Estimand o = all.get(j);
        if (sameDefinition(e, o)) {
          throw error(
              key,
              "defines the same estimand as estimands["
                  + j
                  + "] (\""
                  + o.id()
                  + "\"): same variable, strategies and summary; list its analyses as that"
                  + " estimand's sensitivity analyses");
        }
      }
      if (e.supplementaryTo() == null) {
        continue;
      }
      String k = key + ".supplementary_to";
      if (e.primary()) {
        throw error(
            k,
            "a primary estimand supplements none: set \"primary\": false or drop"
                + " supplementary_to");
      }
      Estimand parent =
          all.stream()
              .filter(o -> o.id().equals(e.supplementaryTo()))
              .findFirst()
              .orElseThrow(
                  () ->
                      error(
                          k,
                          "\""
                              + e.supplementaryTo()
                              + "\" is not the id of an estimand of this plan; ids: "
                              + all.stream().map(Estimand::id).collect(Collectors.joining(", "))));
      if (parent == e) {
        throw error(k, "an estimand does not supplement itself");
      }
      if (parent.supplementary()) {
        throw error(
            k,
            "\""
                + parent.id()
                + "\" is itself supplementary (to \""
                + parent.supplementaryTo()
                + "\"); name the estimand it supplements");
      }
      if (!parent.variable().equals(e.variable())) {
        throw error(
            k,
            "a supplementary estimand asks \""
                + parent.id()
                + "\"'s question another way, so its variable is the same ("
                + describe(parent.variable())
                + "), not "
                + describe(e.variable()));
      }
    }
    if (!primary) {
      throw error("estimands", "no estimand is primary; mark the primary one \"primary\": true");
    }
  }

  /** Same variable, strategies and summary: the same estimand (the population is always one). */
  private static boolean sameDefinition(Estimand a, Estimand b) {
    return a.population() == b.population()
        && a.variable().equals(b.variable())
        && a.intercurrentEvents().equals(b.intercurrentEvents())
        && a.summary() == b.summary();
  }

  private static String parent(Estimand e) {
    return e.supplementaryTo() != null ? e.supplementaryTo() : e.id();
  }

  /** The rows that can be this estimand's main analysis. */
  private String mains(Estimand e, MissingData missing) {
    List<String> ids = new ArrayList<>();
    rows.rows()
        .forEach(
            (id, f) -> {
              if (f.kind() == Kind.ESTIMATE
                  && e.variable().equals(f.variable())
                  && e.intercurrentEvents().equals(f.strategies())
                  && f.summary() == e.summary()
                  && (missing == null || missing == f.missingData())) {
                ids.add(id.value());
              }
            });
    return ids.isEmpty() ? "none" : String.join(", ", ids);
  }

  private static String describe(Variable v) {
    return v.outcome() == Outcome.SCORE
        ? String.format(Locale.ROOT, "%s at month %d", v.instrument(), v.month())
        : v.outcome().code();
  }

  private static String strategies(Map<Event, Strategy> s) {
    return s.entrySet().stream()
        .map(x -> x.getKey().code() + " " + x.getValue().code())
        .collect(Collectors.joining(" and "));
  }

  private RowId rowId(JsonNode node, String key) {
    String v = text(node, key);
    try {
      return new RowId(v);
    } catch (IllegalArgumentException e) {
      throw error(key, "must be a results row id such as \"relapse.cox\", got \"" + v + "\"");
    }
  }

  private <E extends Enum<E> & Coded> E term(
      JsonNode node, String key, Class<E> type, String explain) {
    String v = text(node, key);
    return Estimand.ofCode(type, v)
        .orElseThrow(
            () -> error(key, "\"" + v + "\" is not one of " + Estimand.codes(type) + explain));
  }

  private String text(JsonNode v, String key) {
    if (!v.isTextual()) {
      throw error(key, "must be a text in quotes, got " + v);
    }
    return v.textValue();
  }

  private AnalysisException error(String key, String message) {
    return PlanReader.error(source, key + ": " + message);
  }
}
