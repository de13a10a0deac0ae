package org.odtrial.analysis.results;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The id of a results row, the one place where row ids are spelled: analyses create rows with these
 * ids and tables, figures and lookups find rows by them. The constants are the fixed rows of
 * analysis-results v1 and v2; rows named after the plan (an instrument and month, a subgroup
 * variable and level) come from the factories.
 *
 * @param value the id as written in results.json, for example {@code relapse.cox}
 */
public record RowId(String value) implements Comparable<RowId> {
  private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_]+(\\.[A-Za-z0-9_-]+)*");
  private static final Pattern RECOVERY =
      Pattern.compile("recovery\\.([^.]+)\\.m(\\d+)(?:\\.(.+))?");
  private static final String INTERACTION = "relapse.cox.interaction.";
  private static final String SUBGROUP = "relapse.cox.subgroup.";

  // version 1
  public static final RowId RELAPSE_KM = new RowId("relapse.km");
  public static final RowId RELAPSE_LOGRANK = new RowId("relapse.logrank");
  public static final RowId RELAPSE_COX = new RowId("relapse.cox");
  public static final RowId RELAPSE_COX_ADJUSTED = new RowId("relapse.cox_adjusted");
  public static final RowId RELAPSE_RMST = new RowId("relapse.rmst");
  public static final RowId ADMISSIONS_NB = new RowId("admissions.nb");
  public static final RowId BED_DAYS_NB = new RowId("bed_days.nb");
  public static final RowId MEETINGS = new RowId("meetings");
  public static final RowId MEETINGS_FIDELITY = new RowId("meetings.fidelity");

  // version 2: inference that respects clustering, small-sample corrections, PH check
  public static final RowId RELAPSE_KM_ROBUST = new RowId("relapse.km.robust");
  public static final RowId RELAPSE_LOGRANK_ROBUST = new RowId("relapse.logrank.robust");
  public static final RowId RELAPSE_RMST_ROBUST = new RowId("relapse.rmst.robust");
  public static final RowId RELAPSE_COX_STRATIFIED = new RowId("relapse.cox_stratified");
  public static final RowId RELAPSE_PERMUTATION = new RowId("relapse.permutation");
  public static final RowId RELAPSE_PH_TEST = new RowId("relapse.ph_test");
  public static final RowId ADMISSIONS_NB_CR2 = new RowId("admissions.nb.cr2");
  public static final RowId BED_DAYS_NB_CR2 = new RowId("bed_days.nb.cr2");

  // version 2: intercurrent events
  public static final RowId RELAPSE_OR_DEATH_COX = new RowId("relapse_or_death.cox");
  public static final RowId RELAPSE_CIF = new RowId("relapse.cif");
  public static final RowId RELAPSE_GRAY = new RowId("relapse.gray");
  public static final RowId RELAPSE_FINEGRAY = new RowId("relapse.finegray");

  public RowId {
    if (value == null || !FORM.matcher(value).matches()) {
      throw new IllegalArgumentException("not a results row id: " + value);
    }
  }

  /** The analyses of one instrument at one month: the suffix each adds to the row id. */
  public enum RecoveryAnalysis {
    /** ANCOVA with CR1 (HC1) cluster-robust variance: {@code recovery.I.mM}. */
    ANCOVA(""),
    /** Random-intercept model, Satterthwaite df: {@code .lmm}. */
    LMM("lmm"),
    /** ANCOVA with CR2 and Satterthwaite df: {@code .cr2}. */
    CR2("cr2"),
    /** Random-intercept model, Kenward-Roger: {@code .lmm_kr}. */
    LMM_KR("lmm_kr"),
    /** Repeated-measures mixed model over the plan's months: {@code .mmrm}. */
    MMRM("mmrm"),
    /** Multiple imputation: {@code .mi}. */
    MI("mi"),
    /** Delta-adjusted tipping point: {@code .tipping}. */
    TIPPING("tipping"),
    /** Complier average causal effect: {@code .cace}. */
    CACE("cace");

    private final String suffix;

    RecoveryAnalysis(String suffix) {
      this.suffix = suffix;
    }

    /** The id suffix, empty for the ANCOVA row. */
    public String suffix() {
      return suffix;
    }

    static Optional<RecoveryAnalysis> ofSuffix(String s) {
      for (RecoveryAnalysis a : values()) {
        if (a.suffix.equals(s == null ? "" : s)) {
          return Optional.of(a);
        }
      }
      return Optional.empty();
    }
  }

  /** The parts of a recovery row id. */
  public record RecoveryRow(String instrument, int month, RecoveryAnalysis analysis) {}

  /** {@code recovery.I.mM} and its analyses, e.g. {@code recovery.QPR.m12.cr2}. */
  public static RowId recovery(String instrument, int month, RecoveryAnalysis analysis) {
    String base = String.format(Locale.ROOT, "recovery.%s.m%d", instrument, month);
    return new RowId(analysis.suffix().isEmpty() ? base : base + "." + analysis.suffix());
  }

  /** {@code relapse.cox.interaction.V}: the arm-by-V interaction test. */
  public static RowId coxInteraction(String variable) {
    return new RowId(INTERACTION + variable);
  }

  /** {@code relapse.cox.subgroup.V.LEVEL}: the hazard ratio within one level of V. */
  public static RowId coxSubgroup(String variable, String level) {
    return new RowId(SUBGROUP + variable + "." + level);
  }

  /** The variable and level of a subgroup row id. */
  public record SubgroupRow(String variable, String level) {}

  /** The variable of a {@code relapse.cox.interaction.V} id; empty for any other row. */
  public Optional<String> interactionVariable() {
    return value.startsWith(INTERACTION)
        ? Optional.of(value.substring(INTERACTION.length()))
        : Optional.empty();
  }

  /**
   * The variable and level of a {@code relapse.cox.subgroup.V.LEVEL} id (V has no dot; LEVEL is the
   * rest); empty for any other row.
   */
  public Optional<SubgroupRow> subgroupRow() {
    if (!value.startsWith(SUBGROUP)) {
      return Optional.empty();
    }
    String rest = value.substring(SUBGROUP.length());
    int dot = rest.indexOf('.');
    return dot <= 0
        ? Optional.empty()
        : Optional.of(new SubgroupRow(rest.substring(0, dot), rest.substring(dot + 1)));
  }

  /** The instrument, month and analysis of a recovery row id; empty for any other row. */
  public Optional<RecoveryRow> recoveryRow() {
    Matcher m = RECOVERY.matcher(value);
    if (!m.matches()) {
      return Optional.empty();
    }
    return RecoveryAnalysis.ofSuffix(m.group(3))
        .map(a -> new RecoveryRow(m.group(1), Integer.parseInt(m.group(2)), a));
  }

  @Override
  public int compareTo(RowId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
