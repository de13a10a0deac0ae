package org.odtrial.ingest.generate;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The true parameters of the synthetic trial model: what an analysis of generated data should
 * recover (up to sampling error). All effects are OD versus TAU and conditional on the cluster's
 * random effect; docs/generator.md explains the model. Reference participant: female, age 40, no
 * prior admissions.
 */
public final class TrueEffects {

  /** Hazard ratio of first relapse (first episode strictly after baseline), OD vs TAU. */
  public static final double RELAPSE_HAZARD_RATIO = 0.75;

  /**
   * Weibull shape of the first-relapse hazard (below 1: risk falls with time since the index
   * crisis).
   */
  public static final double RELAPSE_WEIBULL_SHAPE = 0.85;

  /**
   * Probability of relapse within 730 days for a reference TAU participant in a cluster with
   * frailty 1.
   */
  public static final double RELAPSE_TAU_730_DAYS = 0.45;

  /** Hazard ratio of relapse per 10 years of age above 40. */
  public static final double RELAPSE_HR_PER_10_YEARS = 0.90;

  /** Hazard ratio of relapse, male vs female. */
  public static final double RELAPSE_HR_MALE = 1.10;

  /** Hazard ratio of relapse per prior admission. */
  public static final double RELAPSE_HR_PER_PRIOR_ADMISSION = 1.15;

  /** SD of the cluster's log frailty (lognormal, median 1) on relapse and recurrence hazards. */
  public static final double CLUSTER_LOG_FRAILTY_SD = 0.30;

  /** Rate ratio of further episodes after the first relapse, OD vs TAU. */
  public static final double RECURRENCE_RATE_RATIO = 0.80;

  /**
   * Rate of further episodes per year out of hospital after a first relapse, reference TAU
   * participant.
   */
  public static final double RECURRENCE_RATE_PER_YEAR = 1.2;

  /**
   * Variance of the participant's gamma frailty (mean 1) on further episodes: negative-binomial
   * overdispersion.
   */
  public static final double RECURRENCE_FRAILTY_VARIANCE = 0.6;

  /**
   * QPR (0-60, higher better) mean difference at months 12 and 24, OD - TAU, given the baseline
   * score.
   */
  public static final double QPR_EFFECT = 2.5;

  /** QPR follow-up slope on the baseline score. */
  public static final double QPR_BASELINE_SLOPE = 0.5;

  /** SD of the cluster's random intercept on QPR (baseline and follow-up). */
  public static final double QPR_CLUSTER_SD = 2.0;

  /** Residual SD of QPR at follow-up. */
  public static final double QPR_RESIDUAL_SD = 7.5;

  /**
   * BPRS (24-168, lower better) mean difference at months 12 and 24, OD - TAU, given the baseline
   * score.
   */
  public static final double BPRS_EFFECT = -3.0;

  /** BPRS follow-up slope on the baseline score. */
  public static final double BPRS_BASELINE_SLOPE = 0.55;

  /** SD of the cluster's random intercept on BPRS. */
  public static final double BPRS_CLUSTER_SD = 2.5;

  /** Mean difference of the transformed SDM-Q-9 (0-100) at months 12 and 24, OD - TAU. */
  public static final double SDMQ9_EFFECT = 100.0 * 2.0 / 45.0;

  /** Mean difference of EQ-5D VAS (0-100) at months 12 and 24, OD - TAU, given baseline. */
  public static final double EQ5D_VAS_EFFECT = 3.0;

  /**
   * Mean difference of the Social Provisions Scale (24-96) at month 24, OD - TAU, given baseline.
   */
  public static final double SPS_EFFECT = 2.0;

  /** Mean difference of CSQ-8 (8-32) at month 12, OD - TAU. */
  public static final double CSQ8_EFFECT = 1.5;

  /**
   * Mean number of network meetings in 24 months of follow-up for an OD participant (negative
   * binomial).
   */
  public static final double OD_MEETINGS_MEAN_24_MONTHS = 10.0;

  /** Share of OD participants whose first meeting is within 1 day of baseline. */
  public static final double OD_FIRST_MEETING_WITHIN_1_DAY = 0.75;

  /** Share of TAU participants with at least one network meeting (contamination). */
  public static final double TAU_CONTAMINATION = 0.02;

  /**
   * Missing-at-random scenario ({@link GeneratorOptions#missingAtRandom()}): share of the follow-up
   * residual variance of QPR and BPRS that is a participant effect shared by months 12 and 24 (the
   * correlation of a participant's two follow-up residuals).
   */
  public static final double MAR_PARTICIPANT_SHARE = 0.5;

  /**
   * Missing-at-random scenario: change in the log-odds of attending the month-24 visit per standard
   * deviation ({@value #MAR_QPR_SD} points) of the observed month-12 QPR above {@value
   * #MAR_QPR_CENTRE}: up for OD participants, down for TAU participants.
   */
  public static final double MAR_DROPOUT_LOG_ODDS_PER_SD = 1.0;

  /** Centre of the month-12 QPR in the missing-at-random dropout model. */
  public static final double MAR_QPR_CENTRE = 27;

  /** Scale of the month-12 QPR in the missing-at-random dropout model. */
  public static final double MAR_QPR_SD = 9;

  /**
   * Partial-compliance scenario ({@link GeneratorOptions#nonCompliance()} above 0): receiving Open
   * Dialogue means at least this many network meetings with at least {@value
   * #COMPLIER_MIN_PRACTITIONERS} practitioners, dated from 30 days before baseline to the end of
   * follow-up or baseline + 730 days, whichever is first (the complier definition of the analysis
   * with its default horizon).
   */
  public static final int COMPLIER_MIN_MEETINGS = 2;

  /** Practitioners a meeting needs to count towards receiving Open Dialogue. */
  public static final int COMPLIER_MIN_PRACTITIONERS = 2;

  private TrueEffects() {}

  /**
   * The mean difference OD - TAU of an instrument's score at a follow-up month, given the baseline
   * score where there is one, at effect scale 1 (see {@link GeneratorOptions#effectScale()}); empty
   * for an instrument or month the generator does not score after baseline.
   */
  public static OptionalDouble scoreEffect(String instrument, int month) {
    boolean both = month == 12 || month == 24;
    return switch (instrument) {
      case "QPR" -> both ? OptionalDouble.of(QPR_EFFECT) : OptionalDouble.empty();
      case "BPRS" -> both ? OptionalDouble.of(BPRS_EFFECT) : OptionalDouble.empty();
      case "SDMQ9" -> both ? OptionalDouble.of(SDMQ9_EFFECT) : OptionalDouble.empty();
      case "EQ5D_VAS" -> both ? OptionalDouble.of(EQ5D_VAS_EFFECT) : OptionalDouble.empty();
      case "SPS" -> month == 24 ? OptionalDouble.of(SPS_EFFECT) : OptionalDouble.empty();
      case "CSQ8" -> month == 12 ? OptionalDouble.of(CSQ8_EFFECT) : OptionalDouble.empty();
      default -> OptionalDouble.empty();
    };
  }

  /** The true effects as short lines of text, for help screens and documentation. */
  public static List<String> describe() {
    return List.of(
        line(
            "relapse hazard ratio OD vs TAU %.2f (Weibull shape %.2f, TAU 730-day risk %.2f,"
                + " cluster log-frailty SD %.2f)",
            RELAPSE_HAZARD_RATIO,
            RELAPSE_WEIBULL_SHAPE,
            RELAPSE_TAU_730_DAYS,
            CLUSTER_LOG_FRAILTY_SD),
        line(
            "relapse covariates: HR %.2f per 10 years of age, %.2f male vs female, %.2f per prior"
                + " admission",
            RELAPSE_HR_PER_10_YEARS, RELAPSE_HR_MALE, RELAPSE_HR_PER_PRIOR_ADMISSION),
        line(
            "further episodes after a relapse: rate ratio OD vs TAU %.2f (TAU %.1f per year, gamma"
                + " frailty variance %.1f)",
            RECURRENCE_RATE_RATIO, RECURRENCE_RATE_PER_YEAR, RECURRENCE_FRAILTY_VARIANCE),
        line(
            "QPR at months 12 and 24: OD - TAU %+.1f points given baseline (slope %.2f, cluster SD"
                + " %.1f, residual SD %.1f)",
            QPR_EFFECT, QPR_BASELINE_SLOPE, QPR_CLUSTER_SD, QPR_RESIDUAL_SD),
        line("BPRS at months 12 and 24: OD - TAU %+.1f points given baseline", BPRS_EFFECT),
        line(
            "SDMQ9 %+.2f, EQ5D_VAS %+.1f, SPS %+.1f, CSQ8 %+.1f points (OD - TAU)",
            SDMQ9_EFFECT, EQ5D_VAS_EFFECT, SPS_EFFECT, CSQ8_EFFECT),
        line(
            "network meetings: OD mean %.0f per 24 months, %.0f%% first within 1 day of baseline;"
                + " %.0f%% of TAU participants have one (contamination)",
            OD_MEETINGS_MEAN_24_MONTHS,
            100 * OD_FIRST_MEETING_WITHIN_1_DAY,
            100 * TAU_CONTAMINATION));
  }

  private static String line(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
