package org.odtrial.analysis.plan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.odtrial.analysis.results.RowId;

/**
 * What {@code odtrial analyse} computes, and the estimands its rows answer: plan version 2. Every
 * field has a default; a plan file overrides any of them.
 *
 * @param name a label for reports
 * @param horizonDays analysis horizon in days (censoring, RMST, counts window)
 * @param kmTimesDays times at which Kaplan-Meier survival is reported
 * @param kmConfType confidence interval transform for Kaplan-Meier: log, log-log or plain
 * @param covariates adjustment covariates of the adjusted Cox model, in order
 * @param recovery instruments and the months at which each is analysed, in order
 * @param subgroups participant variables whose subgroups are analysed (relapse.cox.interaction.V
 *     and relapse.cox.subgroup.V.LEVEL), in order
 * @param permutation Monte Carlo settings of the restricted permutation test ({@code
 *     relapse.permutation})
 * @param multipleImputation the settings of the multiple-imputation rows ({@code recovery.I.mM.mi},
 *     {@code .tipping})
 * @param estimands the trial's estimands (ICH E9(R1)), each naming the rows that answer it; the
 *     settings above decide which rows are computed, the estimands what each row answers
 */
public record AnalysisPlan(
    String name,
    int horizonDays,
    List<Integer> kmTimesDays,
    String kmConfType,
    List<String> covariates,
    Map<String, List<Integer>> recovery,
    List<String> subgroups,
    Permutation permutation,
    MultipleImputation multipleImputation,
    List<Estimand> estimands) {

  /**
   * The Monte Carlo draws and seed of the restricted permutation test, used when the design allows
   * more allocations than are enumerated exactly.
   *
   * @param draws random allocations drawn
   * @param seed seed of the generator
   */
  public record Permutation(int draws, long seed) {}

  /**
   * How missing recovery scores are imputed and how far the tipping-point analysis shifts them.
   *
   * @param imputations number of imputed data sets m (2-1,000)
   * @param seed seed of the imputation generator (0 to 2^53 - 1)
   * @param tippingDeltas shifts (score points, increasing, distinct, 0 excluded) added to the
   *     imputed month-M scores of OD participants by {@code recovery.I.mM.tipping}
   */
  public record MultipleImputation(int imputations, long seed, List<Double> tippingDeltas) {
    public MultipleImputation {
      tippingDeltas = List.copyOf(tippingDeltas);
    }
  }

  /** Participant-level covariates a plan may adjust for. */
  public static final List<String> KNOWN_COVARIATES =
      List.of("age", "sex", "prior_admissions", "ethnicity", "diagnosis");

  /** Participant variables whose subgroups a plan may analyse: the categorical covariates. */
  public static final List<String> KNOWN_SUBGROUPS = List.of("sex", "ethnicity", "diagnosis");

  /** Kaplan-Meier interval transforms, as survfit's conf.type. */
  public static final List<String> KNOWN_CONF_TYPES = List.of("log", "log-log", "plain");

  /** The plan format: {@code "plan_version": 2}. */
  public static final int VERSION = PlanReader.VERSION;

  private static final String DEFAULT_RESOURCE = "default-plan.json";

  public AnalysisPlan {
    kmTimesDays = List.copyOf(kmTimesDays);
    covariates = List.copyOf(covariates);
    subgroups = List.copyOf(subgroups);
    estimands = List.copyOf(estimands);
    Map<String, List<Integer>> copy = new LinkedHashMap<>();
    recovery.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    recovery = Collections.unmodifiableMap(copy);
  }

  /** The plan that ships inside the tool. */
  public static AnalysisPlan defaults() {
    try (InputStream in = AnalysisPlan.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      return PlanReader.read(
          new String(in.readAllBytes(), StandardCharsets.UTF_8), "default plan", null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public AnalysisPlan withHorizonDays(int days) {
    PlanReader.checkHorizon(days, "--horizon-days");
    return new AnalysisPlan(
        name,
        days,
        kmTimesDays,
        kmConfType,
        covariates,
        recovery,
        subgroups,
        permutation,
        multipleImputation,
        estimands);
  }

  /**
   * Every row id this plan computes whatever the data (a subgroup's level rows, which depend on the
   * levels present, are not among them), in results order.
   */
  public Set<RowId> rowIds() {
    return Collections.unmodifiableSet(
        new LinkedHashSet<>(RowCatalogue.of(recovery, subgroups).rows().keySet()));
  }

  /** The estimand with this id, if the plan has one. */
  public Optional<Estimand> estimand(String id) {
    return estimands.stream().filter(e -> e.id().equals(id)).findFirst();
  }

  /** The plan as canonical JSON: fixed key order, two-space indent, LF, trailing newline. */
  public String toJson() {
    return PlanWriter.toJson(this);
  }

  /** SHA-256 (hex) of {@link #toJson()}: names exactly the plan a result was computed with. */
  public String sha256() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(toJson().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
