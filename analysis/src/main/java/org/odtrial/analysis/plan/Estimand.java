package org.odtrial.analysis.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.odtrial.analysis.AnalysisException;
import org.odtrial.analysis.results.RowId;
import org.odtrial.ingest.contract.Instrument;

/**
 * One estimand of the plan (ICH E9(R1)): the question a treatment effect answers, and the results
 * rows that answer it. The population, variable, intercurrent-event strategies and population-level
 * summary define the estimand; the main analysis and the sensitivity analyses (same estimand, other
 * assumptions) are rows of results.json. An analysis of another estimand (another strategy or
 * summary) is a supplementary analysis: it is an estimand of its own that names the estimand it
 * supplements.
 *
 * @param id the estimand's id in the plan and in results.json
 * @param label a short title for tables and reports
 * @param primary whether this is a primary estimand of the trial
 * @param supplementaryTo the id of the estimand this one supplements, or null
 * @param population the population
 * @param variable outcome and time point
 * @param intercurrentEvents the strategy for each intercurrent event, in {@link Event} order
 * @param missingData how missing interviews are handled by the main analysis (score outcomes only,
 *     else null)
 * @param summary the population-level summary
 * @param mainAnalysis the row that estimates the summary
 * @param sensitivityAnalyses rows that estimate or test the same estimand under other assumptions
 */
public record Estimand(
    String id,
    String label,
    boolean primary,
    String supplementaryTo,
    Population population,
    Variable variable,
    Map<Event, Strategy> intercurrentEvents,
    MissingData missingData,
    Summary summary,
    RowId mainAnalysis,
    List<RowId> sensitivityAnalyses) {

  public Estimand {
    EnumMap<Event, Strategy> events = new EnumMap<>(Event.class);
    events.putAll(intercurrentEvents);
    intercurrentEvents = Collections.unmodifiableMap(events);
    sensitivityAnalyses = List.copyOf(sensitivityAnalyses);
  }

  /** Where the code of a term is written in plan files and results.json. */
  public interface Coded {
    /** As written in JSON. */
    String code();

    /** In plain words, for tables and reports. */
    String words();
  }

  /** The population: the only one the trial's data define. */
  public enum Population implements Coded {
    ALL_RANDOMISED("all_randomised", "all randomised participants, by arm as randomised");

    private final String code;
    private final String words;

    Population(String code, String words) {
      this.code = code;
      this.words = words;
    }

    @Override
    public String code() {
      return code;
    }

    @Override
    public String words() {
      return words;
    }
  }

  /** The outcome a variable is built from. */
  public enum Outcome implements Coded {
    RELAPSE("relapse", "time to first relapse"),
    ADMISSIONS("admissions", "admissions to acute care per year of follow-up"),
    BED_DAYS("bed_days", "days in acute care per year of follow-up"),
    SCORE("score", "questionnaire score");

    private final String code;
    private final String words;

    Outcome(String code, String words) {
      this.code = code;
      this.words = words;
    }

    @Override
    public String code() {
      return code;
    }

    @Override
    public String words() {
      return words;
    }
  }

  /**
   * The variable: an outcome, and for a score its instrument and month. The time point of relapse
   * and hospital use is the plan's horizon.
   *
   * @param outcome the outcome
   * @param instrument the questionnaire (score only, else null)
   * @param month the month of the score (score only, else null)
   */
  public record Variable(Outcome outcome, String instrument, Integer month) {
    public static Variable of(Outcome outcome) {
      return new Variable(outcome, null, null);
    }

    public static Variable score(String instrument, int month) {
      return new Variable(Outcome.SCORE, instrument, month);
    }

    /** In words, with the time point: "time to first relapse within 730 days". */
    public String words(int horizonDays) {
      if (outcome == Outcome.SCORE) {
        String title =
            java.util.Arrays.stream(Instrument.values())
                .filter(i -> i.name().equals(instrument))
                .map(Instrument::title)
                .findFirst()
                .orElse(instrument);
        return String.format(Locale.ROOT, "%s (%s) score at month %d", title, instrument, month);
      }
      return String.format(Locale.ROOT, "%s within %d days", outcome.words(), horizonDays);
    }
  }

  /** The intercurrent events a plan gives a strategy for. */
  public enum Event implements Coded {
    DEATH("death", "death"),
    /**
     * Receiving Open Dialogue or not (2+ network meetings with 2+ practitioners), whatever the arm.
     */
    TREATMENT_RECEIVED("treatment_received", "treatment received");

    private final String code;
    private final String words;

    Event(String code, String words) {
      this.code = code;
      this.words = words;
    }

    @Override
    public String code() {
      return code;
    }

    @Override
    public String words() {
      return words;
    }
  }

  /** ICH E9(R1) strategies for intercurrent events. */
  public enum Strategy implements Coded {
    HYPOTHETICAL("hypothetical", "hypothetical (as if the participant had not died)"),
    COMPOSITE("composite", "composite (death counts as the event)"),
    COMPETING_RISKS("competing_risks", "competing risks (no relapse after death)"),
    WHILE_ALIVE("while_alive", "while alive (follow-up ends at death)"),
    TREATMENT_POLICY("treatment_policy", "treatment policy (as randomised, whatever was received)"),
    PRINCIPAL_STRATUM(
        "principal_stratum",
        "principal stratum (those who would receive Open Dialogue if offered it: complier average"
            + " causal effect)");

    private final String code;
    private final String words;

    Strategy(String code, String words) {
      this.code = code;
      this.words = words;
    }

    @Override
    public String code() {
      return code;
    }

    @Override
    public String words() {
      return words;
    }
  }

  /** How an analysis handles scores missing because an interview did not happen. */
  public enum MissingData implements Coded {
    MISSING_AT_RANDOM(
        "missing_at_random",
        "missing at random (every randomised participant; missing scores follow from arm, cluster"
            + " and the participant's observed scores)"),
    COMPLETE_CASES(
        "complete_cases",
        "complete cases (valid if whether a score is missing depends only on arm and baseline"
            + " score)"),
    MISSING_NOT_AT_RANDOM(
        "missing_not_at_random",
        "missing not at random (imputed OD scores shifted from their missing-at-random values)");

    private final String code;
    private final String words;

    MissingData(String code, String words) {
      this.code = code;
      this.words = words;
    }

    @Override
    public String code() {
      return code;
    }

    @Override
    public String words() {
      return words;
    }
  }

  /**
   * Population-level summaries; each is the {@code estimand} field of the rows that estimate it.
   */
  public enum Summary implements Coded {
    HAZARD_RATIO("hazard_ratio", "hazard ratio"),
    SUBDISTRIBUTION_HAZARD_RATIO("subdistribution_hazard_ratio", "subdistribution hazard ratio"),
    RMST_DIFFERENCE(
        "rmst_difference", "difference in restricted mean relapse-free time up to the horizon"),
    RATE_RATIO("rate_ratio", "rate ratio"),
    MEAN_DIFFERENCE("mean_difference", "mean difference");

    private final String code;
    private final String words;

    Summary(String code, String words) {
      this.code = code;
      this.words = words;
    }

    @Override
    public String code() {
      return code;
    }

    @Override
    public String words() {
      return words;
    }
  }

  /** The term of {@code type} written as {@code code}, if there is one. */
  static <E extends Enum<E> & Coded> Optional<E> ofCode(Class<E> type, String code) {
    for (E e : type.getEnumConstants()) {
      if (e.code().equals(code)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /** Every code of {@code type}, comma separated, for messages. */
  static <E extends Enum<E> & Coded> String codes(Class<E> type) {
    List<String> out = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      out.add(e.code());
    }
    return String.join(", ", out);
  }

  /** Whether this estimand supplements another. */
  public boolean supplementary() {
    return supplementaryTo != null;
  }

  /** The main analysis, then the sensitivity analyses. */
  public List<RowId> analyses() {
    List<RowId> all = new ArrayList<>();
    all.add(mainAnalysis);
    all.addAll(sensitivityAnalyses);
    return all;
  }

  /**
   * The estimand written as {@link #fields()} wrote it, read back from parsed JSON values (text,
   * booleans, whole numbers as Long, lists and maps): for results.json, whose estimands are those
   * of a plan that was already checked. Every key and code must be one {@link #fields()} writes.
   *
   * @param where the estimand's place in its file, for messages ("estimands[2]")
   * @throws AnalysisException naming the key that is missing, unknown or of the wrong kind
   */
  public static Estimand ofFields(Map<String, Object> f, String where) {
    for (String k : f.keySet()) {
      if (!EstimandReader.KEYS.contains(k)) {
        throw new AnalysisException(
            where
                + ": unknown key \""
                + k
                + "\"; an estimand has "
                + String.join(", ", EstimandReader.KEYS));
      }
    }
    Object v = required(f, "variable", where);
    if (!(v instanceof Map<?, ?> variableFields)) {
      throw new AnalysisException(where + ".variable: must be an object, got " + v);
    }
    for (Object k : variableFields.keySet()) {
      if (!List.of("outcome", "instrument", "month").contains(k)) {
        throw new AnalysisException(
            where
                + ".variable: unknown key \""
                + k
                + "\"; a variable has outcome, instrument, month");
      }
    }
    Outcome outcome =
        coded(Outcome.class, variableFields.get("outcome"), where + ".variable.outcome");
    Variable variable;
    if (outcome == Outcome.SCORE) {
      Object month = variableFields.get("month");
      if (!(month instanceof Long m) || m < 0 || m > Integer.MAX_VALUE) {
        throw new AnalysisException(
            where + ".variable.month: must be a whole number, got " + month);
      }
      variable =
          Variable.score(
              text(variableFields.get("instrument"), where + ".variable.instrument"), m.intValue());
    } else {
      if (variableFields.size() != 1) {
        throw new AnalysisException(
            where + ".variable: only a score has an instrument and a month");
      }
      variable = Variable.of(outcome);
    }
    Object ev = required(f, "intercurrent_events", where);
    if (!(ev instanceof Map<?, ?> eventFields)) {
      throw new AnalysisException(where + ".intercurrent_events: must be an object, got " + ev);
    }
    Map<Event, Strategy> events = new EnumMap<>(Event.class);
    for (Map.Entry<?, ?> e : eventFields.entrySet()) {
      String key = where + ".intercurrent_events." + e.getKey();
      events.put(coded(Event.class, e.getKey(), key), coded(Strategy.class, e.getValue(), key));
    }
    Object primary = required(f, "primary", where);
    if (!(primary instanceof Boolean p)) {
      throw new AnalysisException(where + ".primary: must be true or false, got " + primary);
    }
    Object sens = f.getOrDefault("sensitivity_analyses", List.of());
    if (!(sens instanceof List<?> sensList)) {
      throw new AnalysisException(
          where + ".sensitivity_analyses: must be a list of row ids, got " + sens);
    }
    List<RowId> sensitivity = new ArrayList<>();
    for (int i = 0; i < sensList.size(); i++) {
      sensitivity.add(rowId(sensList.get(i), where + ".sensitivity_analyses[" + i + "]"));
    }
    return new Estimand(
        text(required(f, "id", where), where + ".id"),
        text(required(f, "label", where), where + ".label"),
        p,
        f.containsKey("supplementary_to")
            ? text(f.get("supplementary_to"), where + ".supplementary_to")
            : null,
        coded(Population.class, required(f, "population", where), where + ".population"),
        variable,
        events,
        f.containsKey("missing_data")
            ? coded(MissingData.class, f.get("missing_data"), where + ".missing_data")
            : null,
        coded(Summary.class, required(f, "summary", where), where + ".summary"),
        rowId(required(f, "main_analysis", where), where + ".main_analysis"),
        sensitivity);
  }

  private static Object required(Map<String, Object> f, String key, String where) {
    if (!f.containsKey(key)) {
      throw new AnalysisException(where + ": missing \"" + key + "\"");
    }
    return f.get(key);
  }

  private static String text(Object v, String where) {
    if (!(v instanceof String s)) {
      throw new AnalysisException(where + ": must be a text, got " + v);
    }
    return s;
  }

  private static RowId rowId(Object v, String where) {
    String id = text(v, where);
    try {
      return new RowId(id);
    } catch (IllegalArgumentException e) {
      throw new AnalysisException(where + ": " + e.getMessage(), e);
    }
  }

  private static <E extends Enum<E> & Coded> E coded(Class<E> type, Object v, String where) {
    return ofCode(type, text(v, where))
        .orElseThrow(
            () -> new AnalysisException(where + ": \"" + v + "\" is not one of " + codes(type)));
  }

  /**
   * The estimand as JSON values in their written order (text, booleans, whole numbers, lists and
   * maps of them): the one place that names and orders the keys of an estimand, for the plan's
   * canonical JSON and for results.json.
   */
  public Map<String, Object> fields() {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("id", id);
    f.put("label", label);
    f.put("primary", primary);
    if (supplementaryTo != null) {
      f.put("supplementary_to", supplementaryTo);
    }
    f.put("population", population.code());
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("outcome", variable.outcome().code());
    if (variable.instrument() != null) {
      v.put("instrument", variable.instrument());
      v.put("month", variable.month());
    }
    f.put("variable", v);
    Map<String, Object> events = new LinkedHashMap<>();
    intercurrentEvents.forEach((e, s) -> events.put(e.code(), s.code()));
    f.put("intercurrent_events", events);
    if (missingData != null) {
      f.put("missing_data", missingData.code());
    }
    f.put("summary", summary.code());
    f.put("main_analysis", mainAnalysis.value());
    f.put("sensitivity_analyses", sensitivityAnalyses.stream().map(RowId::value).toList());
    return f;
  }
}
