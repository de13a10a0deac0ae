package org.odtrial.analysis.plan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code odtrial analyse} computes. Every field has a default (the default plan of
 * analysis-results v2: v1's plus the permutation test's settings); a plan file overrides any of
 * them.
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
 */
public record AnalysisPlan(
    String name,
    int horizonDays,
    List<Integer> kmTimesDays,
    String kmConfType,
    List<String> covariates,
    Map<String, List<Integer>> recovery,
    List<String> subgroups,
    Permutation permutation) {

  /**
   * The Monte Carlo draws and seed of the restricted permutation test, used when the design allows
   * more allocations than are enumerated exactly.
   *
   * @param draws random allocations drawn
   * @param seed seed of the generator
   */
  public record Permutation(int draws, long seed) {}

  /** Participant-level covariates a plan may adjust for. */
  public static final List<String> KNOWN_COVARIATES =
      List.of("age", "sex", "prior_admissions", "ethnicity", "diagnosis");

  /** Participant variables whose subgroups a plan may analyse: the categorical covariates. */
  public static final List<String> KNOWN_SUBGROUPS = List.of("sex", "ethnicity", "diagnosis");

  /** Kaplan-Meier interval transforms, as survfit's conf.type. */
  public static final List<String> KNOWN_CONF_TYPES = List.of("log", "log-log", "plain");

  private static final String DEFAULT_RESOURCE = "default-plan.json";

  public AnalysisPlan {
    kmTimesDays = List.copyOf(kmTimesDays);
    covariates = List.copyOf(covariates);
    subgroups = List.copyOf(subgroups);
    Map<String, List<Integer>> copy = new LinkedHashMap<>();
    recovery.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    recovery = java.util.Collections.unmodifiableMap(copy);
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
        name, days, kmTimesDays, kmConfType, covariates, recovery, subgroups, permutation);
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
