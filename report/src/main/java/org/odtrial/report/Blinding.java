package org.odtrial.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.odtrial.analysis.plan.Estimand;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.results.Results;
import org.odtrial.analysis.results.RowId;

/**
 * How arms are named in a report. Unblinded, arms keep their codes (OD, TAU). Blinded, OD becomes
 * the given label ("Arm A" or "Arm B") and TAU the other one; arm names never appear and the
 * mapping is never printed.
 */
public final class Blinding {
  private static final String OD = "OD";
  private static final String TAU = "TAU";
  private static final String ARM_A = "Arm A";
  private static final String ARM_B = "Arm B";

  /**
   * Words that name an arm in free text (notes, warnings, model terms such as "armOD:sexmale"):
   * masked in blinded reports.
   */
  private static final Pattern ARM_WORDS =
      Pattern.compile(
          "(?:\\b|(?<=arm))(OD|TAU|Open[ _-]?Dialogue|usual[ _-]?care|treatment as usual)\\b",
          Pattern.CASE_INSENSITIVE);

  /**
   * Rows that would reveal the allocation through the intervention's own delivery (network meetings
   * are what the OD arm receives): withheld from blinded results.
   */
  private static final Set<RowId> DELIVERY = Set.of(RowId.MEETINGS, RowId.MEETINGS_FIDELITY);

  private final String odLabel;

  private Blinding(String odLabel) {
    this.odLabel = odLabel;
  }

  public static Blinding none() {
    return new Blinding(null);
  }

  /** Blinded labels: OD is shown as {@code odLabel}, TAU as the other of "Arm A" and "Arm B". */
  public static Blinding of(String odLabel) {
    if (!ARM_A.equals(odLabel) && !ARM_B.equals(odLabel)) {
      throw new ReportException("blinded label must be \"Arm A\" or \"Arm B\", got " + odLabel);
    }
    return new Blinding(odLabel);
  }

  public boolean blinded() {
    return odLabel != null;
  }

  /** The label of an arm code; any other value (e.g. "difference") is returned as given. */
  public String label(String arm) {
    if (!blinded()) {
      return arm;
    }
    if (OD.equals(arm)) {
      return odLabel;
    }
    if (TAU.equals(arm)) {
      return ARM_A.equals(odLabel) ? ARM_B : ARM_A;
    }
    return arm;
  }

  /**
   * Arm codes in display order: OD, TAU unblinded; by label (Arm A first) blinded, so order reveals
   * nothing.
   */
  public List<String> arms() {
    return !blinded() || ARM_A.equals(odLabel) ? List.of(OD, TAU) : List.of(TAU, OD);
  }

  /**
   * Whether contrasts are shown reversed. Results are always OD vs TAU; a blinded report always
   * shows "Arm A vs Arm B", otherwise the direction of the contrast would reveal which label is OD.
   */
  public boolean reversesContrast() {
    return blinded() && ARM_B.equals(odLabel);
  }

  /** The contrast as shown: "OD vs TAU" or "Arm A vs Arm B". */
  public String contrast() {
    return blinded() ? ARM_A + " vs " + ARM_B : OD + " vs " + TAU;
  }

  /** A file-name-safe form of an arm's label: "od", "tau", "arm-a", "arm-b". */
  public String slug(String arm) {
    return label(arm).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }

  /** Free text (a note, a warning) with arm names masked when blinded. */
  public String scrub(String text) {
    return replaceArmWords(
        text,
        m -> {
          String w = m.group(1);
          String replacement = w.equals(OD) ? label(OD) : w.equals(TAU) ? label(TAU) : "[arm]";
          boolean term = m.start() >= 3 && text.regionMatches(true, m.start() - 3, "arm", 0, 3);
          return term ? "[" + replacement + "]" : replacement;
        });
  }

  /**
   * Free text about the trial's design rather than an arm's results (an estimand's label, a
   * strategy in words): blinded, each arm name becomes the role it plays, "the intervention" or
   * "the comparator", never an arm label, since "those who would receive Arm B" would tie a label
   * to the intervention. Unblinded, the text itself.
   */
  public String neutral(String text) {
    return replaceArmWords(
        text,
        m -> {
          String w = m.group(1);
          boolean od = w.equalsIgnoreCase(OD) || w.toLowerCase(Locale.ROOT).startsWith("open");
          return od ? "the intervention" : "the comparator";
        });
  }

  /** Blinded, the text with each arm word replaced as {@code replacement} says; else the text. */
  private String replaceArmWords(String text, Function<MatchResult, String> replacement) {
    if (text == null || !blinded()) {
      return text;
    }
    Matcher m = ARM_WORDS.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(m.toMatchResult())));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * Estimands whose OD-vs-TAU contrast is a ratio (reversed as 1/x) or a difference (reversed as
   * -x).
   */
  private static final Set<String> RATIOS =
      Set.of("hazard_ratio", "rate_ratio", "subdistribution_hazard_ratio");

  private static final Set<String> DIFFERENCES =
      Set.of("mean_difference", "rmst_difference", "cace");

  /**
   * An estimate as a blinded output shows it: arm labels, the contrast as "Arm A vs Arm B" (a ratio
   * inverted and a difference negated, limits swapped, when OD is Arm B), the note scrubbed and the
   * method (which describes the design) {@link #neutral}; extras named for one arm and the tipping
   * point's results by shift are left out, and the tipping point is its size (the shift applies to
   * OD's scores, so its sign would reveal the mapping). Unblinded, the estimate itself.
   */
  public Estimate apply(Estimate e) {
    if (!blinded()) {
      return e;
    }
    boolean reverse = reversesContrast();
    Double est = e.estimate();
    Double low = e.ciLow();
    Double high = e.ciHigh();
    if (reverse && RATIOS.contains(e.estimand())) {
      est = inv(e.estimate());
      low = inv(e.ciHigh());
      high = inv(e.ciLow());
    } else if (reverse && DIFFERENCES.contains(e.estimand())) {
      est = neg(e.estimate());
      low = neg(e.ciHigh());
      high = neg(e.ciLow());
    }
    String contrast =
        e.contrast() == null
            ? null
            : e.contrast().contains(" - ") ? ARM_A + " - " + ARM_B : contrast();
    if (TIPPING_POINT.equals(e.estimand()) && est != null) {
      // the shift is applied to OD's imputed scores: its sign, beside the contrast shown, would
      // tell which label is OD
      est = Math.abs(est);
    }
    Map<String, Object> extras = new LinkedHashMap<>();
    e.extras()
        .forEach(
            (k, v) -> {
              if (!withheld(e, k)) {
                extras.put(k, scrubValue(v));
              }
            });
    return new Estimate(
        e.id(),
        e.estimand(),
        contrast,
        label(e.arm()),
        e.timeDays(),
        est,
        e.se(),
        low,
        high,
        e.pValue(),
        e.df(),
        e.n(),
        e.events(),
        e.clusters(),
        neutral(e.method()),
        scrub(e.note()),
        extras);
  }

  /** The estimand of the tipping-point rows: the shift of OD's imputed scores. */
  private static final String TIPPING_POINT = "tipping_point";

  /** Extras named for an arm ("compliers_od", "imputed_od"): figures of one arm by design. */
  private static final Pattern ARM_KEY = Pattern.compile("(?i).*_(od|tau)");

  /**
   * Extras a blinded row leaves out: an arm's own figures, and the tipping point's grid by delta.
   */
  private static boolean withheld(Estimate e, String key) {
    return ARM_KEY.matcher(key).matches()
        || (TIPPING_POINT.equals(e.estimand()) && TIPPING_GRID.contains(key));
  }

  /** The tipping point's per-shift results: OD-vs-TAU effects at signed shifts of OD's scores. */
  private static final Set<String> TIPPING_GRID = Set.of("deltas", "estimates", "p_values");

  /** A row-specific value with arm names masked: text, and text in lists. */
  private Object scrubValue(Object v) {
    if (v instanceof String text) {
      return scrub(text);
    }
    if (v instanceof List<?> list) {
      return list.stream().map(this::scrubValue).toList();
    }
    return v;
  }

  /**
   * Results as a blinded output shows them: every row through {@link #apply(Estimate)}, per-arm
   * rows in label order, and the network-meeting and fidelity rows withheld (they differ between
   * the arms by design), with a warning saying so.
   */
  public Results apply(Results r) {
    if (!blinded()) {
      return r;
    }
    List<Estimate> rows = new ArrayList<>();
    boolean withheld = false;
    for (Estimate e : r.estimates()) {
      if (DELIVERY.contains(e.id())) {
        withheld = true;
      } else {
        rows.add(apply(e));
      }
    }
    List<String> warnings = new ArrayList<>(r.warnings().stream().map(this::scrub).toList());
    if (withheld) {
      warnings.add(WITHHELD);
    }
    // Rows of one id and time differ only by arm: order them by label so the order reveals nothing.
    List<Estimate> ordered = new ArrayList<>();
    for (int i = 0; i < rows.size(); ) {
      int j = i;
      while (j < rows.size()
          && rows.get(j).id().equals(rows.get(i).id())
          && java.util.Objects.equals(rows.get(j).estimand(), rows.get(i).estimand())) {
        j++;
      }
      List<Estimate> group = new ArrayList<>(rows.subList(i, j));
      group.sort(
          Comparator.comparing((Estimate e) -> e.timeDays() == null ? -1 : e.timeDays())
              .thenComparing(e -> e.arm() == null ? "" : e.arm()));
      ordered.addAll(group);
      i = j;
    }
    return new Results(
        r.odtrialVersion(),
        r.load(),
        r.loadSha256(),
        true,
        r.planName(),
        r.planSha256(),
        r.horizonDays(),
        ordered,
        warnings,
        r.estimands().stream().map(this::apply).toList());
  }

  /**
   * An estimand as a blinded output shows it: its label with arm names replaced by their roles
   * ({@link #neutral}); the rest names no arm.
   */
  public Estimand apply(Estimand e) {
    if (!blinded()) {
      return e;
    }
    return new Estimand(
        e.id(),
        neutral(e.label()),
        e.primary(),
        e.supplementaryTo(),
        e.population(),
        e.variable(),
        e.intercurrentEvents(),
        e.missingData(),
        e.summary(),
        e.mainAnalysis(),
        e.sensitivityAnalyses());
  }

  /** The warning of blinded results that withheld the delivery rows. */
  public static final String WITHHELD =
      "blinded results: the rows "
          + RowId.MEETINGS
          + " and "
          + RowId.MEETINGS_FIDELITY
          + " are withheld, because network meetings differ between the arms by design and would"
          + " reveal the allocation";

  private static Double inv(Double x) {
    return x == null ? null : 1 / x;
  }

  private static Double neg(Double x) {
    return x == null ? null : -x;
  }
}
