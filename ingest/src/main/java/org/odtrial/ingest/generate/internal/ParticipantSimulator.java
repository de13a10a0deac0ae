package org.odtrial.ingest.generate.internal;

import static org.odtrial.ingest.generate.internal.Numbers.clip;
import static org.odtrial.ingest.generate.internal.Numbers.integer;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.generate.TrueEffects;

/**
 * Simulates one cluster row and then one participant at a time, writing each participant's rows to
 * all five files before the next is drawn: nothing about a participant is kept once it is written.
 * Model: docs/generator.md.
 */
public final class ParticipantSimulator {
  /** Participants are recruited within this many days of their cluster's randomisation. */
  static final int RECRUITMENT_DAYS = 730;

  /** Planned record follow-up: 24 months plus the 90-day window of the 24-month visit. */
  static final int PLANNED_FOLLOWUP_DAYS = 820;

  /** The analysis horizon the meeting schedule is planned over: 24 months. */
  static final int TREATMENT_DAYS = 730;

  /** Data lock: participants recruited late have shorter follow-up (administrative censoring). */
  static final int DATA_LOCK = Dates.day(LocalDate.of(2023, 3, 1));

  static final double MONTH_DAYS = 30.4375;
  private static final long SIMULATION_SALT = 2;

  private static final String[] SEX = {"female", "male", "other", "unknown"};
  private static final double[] SEX_P = {0.47, 0.49, 0.01, 0.03};
  private static final String[] ETHNICITY = {
    "white", "black", "asian", "mixed", "other", "unknown"
  };
  private static final double[] ETHNICITY_P = {0.70, 0.08, 0.09, 0.04, 0.03, 0.06};
  private static final String[] DIAGNOSIS = {
    "psychosis", "bipolar", "depression", "personality", "anxiety", "other", "unknown"
  };
  private static final double[] DIAGNOSIS_P = {0.35, 0.15, 0.25, 0.12, 0.06, 0.04, 0.03};
  private static final String[] DETAINED = {"yes", "no", "unknown"};
  private static final double[] DETAINED_INPATIENT_P = {0.40, 0.55, 0.05};
  private static final double[] DETAINED_CRISIS_P = {0.0, 0.92, 0.08};
  private static final String[] MODE = {"in_person", "video", "phone"};
  private static final double[] MODE_P = {0.72, 0.18, 0.10};
  private static final String[] LOCATION = {"home", "clinic", "other", "unknown"};
  private static final double[] LOCATION_IN_PERSON_P = {0.55, 0.35, 0.08, 0.02};
  private static final double[] LOCATION_REMOTE_P = {0.80, 0.10, 0.05, 0.05};
  private static final double[] PRACTITIONERS_P = {0.03, 0.60, 0.31, 0.06};

  /**
   * Weibull scale so that a reference TAU participant relapses within 730 days with the stated
   * probability.
   */
  private static final double RELAPSE_LAMBDA =
      -StrictMath.log(1 - TrueEffects.RELAPSE_TAU_730_DAYS)
          / StrictMath.pow(730, TrueEffects.RELAPSE_WEIBULL_SHAPE);

  private static final double LOG_HR_OD = StrictMath.log(TrueEffects.RELAPSE_HAZARD_RATIO);
  private static final double LOG_HR_AGE = StrictMath.log(TrueEffects.RELAPSE_HR_PER_10_YEARS);
  private static final double LOG_HR_MALE = StrictMath.log(TrueEffects.RELAPSE_HR_MALE);
  private static final double LOG_HR_PRIOR =
      StrictMath.log(TrueEffects.RELAPSE_HR_PER_PRIOR_ADMISSION);
  private static final double LOG_RR_OD = StrictMath.log(TrueEffects.RECURRENCE_RATE_RATIO);
  private static final int NEVER = 10_000_000;

  private final RowSink sink;
  private final long seed;
  private final int digits;
  private final boolean missingAtRandom;
  private final double nonCompliance;

  // the effects of OD, scaled (scale 1 leaves every product exactly the constant: same bytes)
  private final double logHrOd;
  private final double logRrOd;
  private final double qprEffect;
  private final double bprsEffect;
  private final double sdmq9Effect;
  private final double csq8Effect;
  private final double spsEffect;
  private final double eq5dVasEffect;

  /**
   * @param effectScale multiplier of every effect of OD on relapse, further episodes and scores
   *     (not on network meetings, which are the intervention itself)
   * @param missingAtRandom the missing-at-random dropout scenario (docs/generator.md)
   * @param nonCompliance probability that an OD participant declines Open Dialogue; above 0 the
   *     recovery effects act through receiving it
   */
  public ParticipantSimulator(
      RowSink sink,
      long seed,
      int participantDigits,
      double effectScale,
      boolean missingAtRandom,
      double nonCompliance) {
    this.sink = sink;
    this.seed = seed;
    this.digits = participantDigits;
    this.missingAtRandom = missingAtRandom;
    this.nonCompliance = nonCompliance;
    this.logHrOd = LOG_HR_OD * effectScale;
    this.logRrOd = LOG_RR_OD * effectScale;
    this.qprEffect = TrueEffects.QPR_EFFECT * effectScale;
    this.bprsEffect = TrueEffects.BPRS_EFFECT * effectScale;
    this.sdmq9Effect = TrueEffects.SDMQ9_EFFECT * effectScale;
    this.csq8Effect = TrueEffects.CSQ8_EFFECT * effectScale;
    this.spsEffect = TrueEffects.SPS_EFFECT * effectScale;
    this.eq5dVasEffect = TrueEffects.EQ5D_VAS_EFFECT * effectScale;
  }

  /** The random stream of one cluster's participants: clusters are independent of each other. */
  public Rng streamFor(Cluster cluster) {
    return Rng.forPart(seed, cluster.index(), SIMULATION_SALT);
  }

  public void cluster(Cluster c) {
    sink.row(
        TrialFile.CLUSTERS,
        new String[] {
          c.id(),
          c.siteId(),
          c.od() ? "OD" : "TAU",
          Dates.iso(c.randomisedOn()),
          c.stratum(),
          integer(c.deprivationQuintile()),
          integer(c.listSize())
        });
  }

  public void participant(Cluster c, long number, Rng rng) {
    String numberText = TrialDesign.pad(number, digits);
    String pid = "P" + numberText;
    boolean od = c.od();
    int baseline = c.randomisedOn() + rng.between(0, RECRUITMENT_DAYS);
    int age = (int) clip(Math.round(38 + 13 * rng.normal()), 16, 90);
    int sex = rng.pick(SEX_P);
    String ethnicity = rng.chance(0.02) ? null : ETHNICITY[rng.pick(ETHNICITY_P)];
    String diagnosis = rng.chance(0.02) ? null : DIAGNOSIS[rng.pick(DIAGNOSIS_P)];
    int prior = Math.min(100, rng.poisson(1.2 * rng.gammaMeanOne(0.5)));

    // follow-up: 24 months, cut by the data lock, by leaving the area, or by death
    int end = Math.min(baseline + PLANNED_FOLLOWUP_DAYS, DATA_LOCK);
    if (rng.chance(0.03)) {
      end = Math.min(end, baseline + rng.between(30, PLANNED_FOLLOWUP_DAYS - 1));
    }
    double deathPerDay = 0.010 * StrictMath.exp(0.06 * (age - 40)) / 365.25;
    int deathDay = baseline + 1 + (int) Math.min(NEVER, rng.exponential() / deathPerDay);
    int diedOn = -1;
    if (deathDay <= end) {
      diedOn = deathDay;
      end = deathDay;
    }
    int withdrawnOn = rng.chance(0.07) ? baseline + rng.between(0, end - baseline) : -1;

    sink.row(
        TrialFile.PARTICIPANTS,
        new String[] {
          pid,
          c.id(),
          Dates.iso(baseline),
          integer(age),
          SEX[sex],
          ethnicity,
          diagnosis,
          integer(prior),
          Dates.iso(end),
          withdrawnOn < 0 ? null : Dates.iso(withdrawnOn),
          diedOn < 0 ? null : Dates.iso(diedOn)
        });

    double covariates =
        LOG_HR_AGE * (age - 40) / 10.0
            + (sex == 1 ? LOG_HR_MALE : 0)
            + LOG_HR_PRIOR * prior
            + c.logFrailty();
    admissions(rng, numberText, pid, od, baseline, end, diedOn, covariates);
    if (nonCompliance > 0) {
      // treatment received: meetings first, then outcomes whose effects act through receiving OD
      boolean declines = od && rng.chance(nonCompliance);
      Meetings m = declines ? Meetings.NONE : meetings(rng, numberText, pid, od, baseline, end);
      boolean received = m.received() >= TrueEffects.COMPLIER_MIN_MEETINGS;
      outcomes(rng, c, pid, od, received ? 1 : 0, baseline, end, withdrawnOn);
      m.rows().forEach(r -> sink.row(TrialFile.NETWORK_MEETINGS, r));
    } else {
      outcomes(rng, c, pid, od, od ? 1 : 0, baseline, end, withdrawnOn);
      meetings(rng, numberText, pid, od, baseline, end)
          .rows()
          .forEach(r -> sink.row(TrialFile.NETWORK_MEETINGS, r));
    }
  }

  /**
   * A participant's network meetings, and how many count towards receiving Open Dialogue (2+
   * practitioners, dated up to the end of follow-up or baseline + 730 days, whichever is first).
   */
  private record Meetings(List<String[]> rows, int received) {
    static final Meetings NONE = new Meetings(List.of(), 0);
  }

  private void admissions(
      Rng rng,
      String numberText,
      String pid,
      boolean od,
      int baseline,
      int end,
      int diedOn,
      double covariates) {
    double t =
        StrictMath.pow(
            rng.exponential() / (RELAPSE_LAMBDA * StrictMath.exp(covariates + (od ? logHrOd : 0))),
            1 / TrueEffects.RELAPSE_WEIBULL_SHAPE);
    int relapseDay = baseline + (int) Math.max(1, Math.min(NEVER, Math.ceil(t)));
    double recurrencePerDay =
        TrueEffects.RECURRENCE_RATE_PER_YEAR
            / 365.25
            * rng.gammaMeanOne(TrueEffects.RECURRENCE_FRAILTY_VARIANCE)
            * StrictMath.exp(covariates + (od ? logRrOd : 0));
    int episode = 0;

    // the index crisis that brought them in: before baseline, ending before any relapse starts
    if (rng.chance(0.65)) {
      boolean inpatient = rng.chance(0.4);
      int start = baseline - rng.between(1, 45);
      int stop = start + episodeLength(rng, inpatient);
      if (relapseDay <= end && stop >= relapseDay) {
        stop = relapseDay - 1;
      }
      episode(rng, numberText, pid, ++episode, inpatient, start, stop, end, diedOn);
    }

    int day = relapseDay;
    int lastStart = -1;
    int lastStop = -1;
    boolean lastInpatient = false;
    boolean lastOpen = false;
    while (day <= end) {
      boolean inpatient;
      // rarely a recording overlap: a same-setting episode starting the day before the last one
      // ended
      if (lastStart >= 0
          && !lastOpen
          && lastStop - lastStart >= 2
          && lastStop <= end
          && rng.chance(0.01)) {
        day = lastStop - 1;
        inpatient = lastInpatient;
      } else {
        inpatient = rng.chance(0.45);
      }
      int stop = day + episodeLength(rng, inpatient);
      lastOpen = episode(rng, numberText, pid, ++episode, inpatient, day, stop, end, diedOn);
      lastStart = day;
      lastStop = Math.min(stop, diedOn >= 0 ? diedOn : stop);
      lastInpatient = inpatient;
      double gap = rng.exponential() / recurrencePerDay;
      day = lastStop + 1 + (int) Math.min(NEVER, Math.ceil(gap));
    }
  }

  private static int episodeLength(Rng rng, boolean inpatient) {
    double days = inpatient ? rng.lognormal(24, 0.7) : rng.lognormal(20, 0.5);
    return (int) Math.max(1, Math.round(days));
  }

  /** Writes one episode; returns whether it was left open (no end_date). */
  private boolean episode(
      Rng rng,
      String numberText,
      String pid,
      int k,
      boolean inpatient,
      int start,
      int stop,
      int end,
      int diedOn) {
    String endCell;
    boolean open = false;
    if (diedOn >= 0 && stop > diedOn) {
      endCell = Dates.iso(Math.max(start, diedOn));
    } else if (stop > end) {
      // still running at the end of the record: most are left open, some were closed later
      open = rng.chance(0.6);
      endCell = open ? null : Dates.iso(stop);
    } else {
      endCell = Dates.iso(stop);
    }
    String detained = DETAINED[rng.pick(inpatient ? DETAINED_INPATIENT_P : DETAINED_CRISIS_P)];
    sink.row(
        TrialFile.ADMISSIONS,
        new String[] {
          "E" + numberText + "-" + k,
          pid,
          inpatient ? "inpatient" : "crisis_team",
          Dates.iso(start),
          endCell,
          detained
        });
    return open;
  }

  /**
   * @param arm 1 where the recovery effects apply (the OD arm, or, with partial compliance, those
   *     who received OD)
   */
  private void outcomes(
      Rng rng, Cluster c, String pid, boolean od, int arm, int baseline, int end, int withdrawnOn) {
    long qpr0 = clip(Math.round(27 + c.qprIntercept() + 9 * rng.normal()), 0, 60);
    long bprs0 = clip(Math.round(56 + c.bprsIntercept() + 11 * rng.normal()), 24, 168);
    long sps0 = clip(Math.round(66 + 9 * rng.normal()), 24, 96);
    long eq0 = clip(Math.round(55 + 18 * rng.normal()), 0, 100);

    // baseline visit
    if (rng.chance(0.96)) {
      int on = baseline + (rng.chance(0.85) ? rng.between(0, 7) : rng.between(-7, 21));
      if (visitable(on, end, withdrawnOn)) {
        String date = Dates.iso(on);
        score(rng, pid, "QPR", 0, date, integer(qpr0));
        score(rng, pid, "BPRS", 0, date, integer(bprs0));
        score(rng, pid, "SPS", 0, date, integer(sps0));
        score(rng, pid, "EQ5D_VAS", 0, date, integer(eq0));
      }
    }
    // missing-at-random scenario: a participant effect shared by the follow-up residuals
    double share = TrueEffects.MAR_PARTICIPANT_SHARE;
    double qprParticipant = missingAtRandom ? rng.normal() : 0;
    double bprsParticipant = missingAtRandom ? rng.normal() : 0;
    double own = missingAtRandom ? StrictMath.sqrt(1 - share) : 1;
    double shared = missingAtRandom ? StrictMath.sqrt(share) : 0;
    long qpr12 = -1;
    for (int month = 12; month <= 24; month += 12) {
      long qpr =
          clip(
              Math.round(
                  13
                      + TrueEffects.QPR_BASELINE_SLOPE * qpr0
                      + c.qprIntercept()
                      + qprEffect * arm
                      + TrueEffects.QPR_RESIDUAL_SD
                          * (shared * qprParticipant + own * rng.normal())),
              0,
              60);
      long bprs =
          clip(
              Math.round(
                  22
                      + TrueEffects.BPRS_BASELINE_SLOPE * bprs0
                      + c.bprsIntercept()
                      + bprsEffect * arm
                      + 10 * (shared * bprsParticipant + own * rng.normal())),
              24,
              168);
      long sdmRaw = clip(Math.round(27 + sdmq9Effect * 0.45 * arm + 7 * rng.normal()), 0, 45);
      long csq = clip(Math.round(22 + csq8Effect * arm + 4 * rng.normal()), 8, 32);
      long sps = clip(Math.round(30 + 0.55 * sps0 + spsEffect * arm + 7 * rng.normal()), 24, 96);
      long eq = clip(Math.round(25 + 0.5 * eq0 + eq5dVasEffect * arm + 15 * rng.normal()), 0, 100);
      double attend = month == 12 ? 0.82 : 0.68;
      if (missingAtRandom && month == 24 && qpr12 >= 0) {
        // depends on the observed month-12 QPR only (missing at random), in opposite directions
        double z = (qpr12 - TrueEffects.MAR_QPR_CENTRE) / TrueEffects.MAR_QPR_SD;
        double logit =
            StrictMath.log(attend / (1 - attend))
                + (od ? 1 : -1) * TrueEffects.MAR_DROPOUT_LOG_ODDS_PER_SD * z;
        attend = 1 / (1 + StrictMath.exp(-logit));
      }
      boolean attended = rng.chance(attend);
      int target = baseline + (int) Math.round(month * MONTH_DAYS);
      int on = target + (int) Math.round(30 * rng.normal());
      if (!attended || !visitable(on, end, withdrawnOn)) {
        continue;
      }
      String date = Dates.iso(on);
      if (score(rng, pid, "QPR", month, date, integer(qpr)) && month == 12) {
        qpr12 = qpr;
      }
      score(rng, pid, "BPRS", month, date, integer(bprs));
      // SDM-Q-9 is reported transformed to 0-100: raw (0-45) x 100 / 45, to one decimal
      score(rng, pid, "SDMQ9", month, date, Numbers.tenths((int) Math.round(sdmRaw * 1000.0 / 45)));
      if (month == 24) {
        score(rng, pid, "SPS", month, date, integer(sps));
      }
      if (month == 12) {
        score(rng, pid, "CSQ8", month, date, integer(csq));
      }
      score(rng, pid, "EQ5D_VAS", month, date, integer(eq));
    }
  }

  private static boolean visitable(int on, int end, int withdrawnOn) {
    return on <= end && (withdrawnOn < 0 || on <= withdrawnOn);
  }

  /** Writes a score unless the questionnaire was not completed; returns whether it was written. */
  private boolean score(
      Rng rng, String pid, String instrument, int month, String date, String value) {
    if (rng.chance(0.03)) {
      return false; // questionnaire not completed at an attended visit
    }
    sink.row(TrialFile.OUTCOMES, new String[] {pid, instrument, integer(month), date, value});
    return true;
  }

  private Meetings meetings(
      Rng rng, String numberText, String pid, boolean od, int baseline, int end) {
    int count;
    int first;
    if (od) {
      double share = Math.min(1.0, (end - baseline) / (double) TREATMENT_DAYS);
      count = rng.poisson(TrueEffects.OD_MEETINGS_MEAN_24_MONTHS * rng.gammaMeanOne(0.5) * share);
      if (rng.chance(TrueEffects.OD_FIRST_MEETING_WITHIN_1_DAY)) {
        first = baseline + rng.between(0, 1);
      } else if (rng.chance(0.2)) {
        first = baseline - rng.between(2, 30); // met during the crisis, before consent
      } else {
        first = baseline + 2 + (int) Math.floor(14 * rng.exponential());
      }
    } else if (rng.chance(TrueEffects.TAU_CONTAMINATION)) {
      count = rng.chance(0.3) ? 2 : 1;
      first = baseline + rng.between(0, Math.min(365, end - baseline));
    } else {
      return Meetings.NONE;
    }
    if (count == 0 || first > end) {
      return Meetings.NONE;
    }
    int[] days = new int[count];
    days[0] = first;
    for (int i = 1; i < count; i++) {
      // front-loaded: most meetings early in the crisis, fewer later
      double u = rng.uniform();
      days[i] = first + (int) Math.floor(u * Math.sqrt(u) * (end - first + 1));
    }
    Arrays.sort(days, 1, count);
    List<String[]> rows = new ArrayList<>(count);
    int received = 0;
    int lastCounted = Math.min(end, baseline + TREATMENT_DAYS);
    for (int i = 0; i < count; i++) {
      int mode = rng.pick(MODE_P);
      int practitioners = od ? 1 + rng.pick(PRACTITIONERS_P) : rng.between(1, 3);
      String location =
          rng.chance(0.04)
              ? null
              : LOCATION[rng.pick(mode == 0 ? LOCATION_IN_PERSON_P : LOCATION_REMOTE_P)];
      if (practitioners >= TrueEffects.COMPLIER_MIN_PRACTITIONERS && days[i] <= lastCounted) {
        received++;
      }
      rows.add(
          new String[] {
            "M" + numberText + "-" + (i + 1),
            pid,
            Dates.iso(days[i]),
            MODE[mode],
            integer(practitioners),
            integer(Math.min(6, rng.poisson(1.8))),
            location
          });
    }
    return new Meetings(rows, received);
  }
}
