package org.odtrial.ingest.generate.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.odtrial.ingest.generate.TrueEffects;

/**
 * Sites, clusters, allocation and cluster sizes: everything decided before the first participant,
 * O(clusters) memory.
 */
public final class TrialDesign {
  /** First possible randomisation day. */
  public static final int TRIAL_START = Dates.day(LocalDate.of(2019, 4, 1));

  /** Sites open within this many days of the trial start. */
  static final int SITE_OPENING_DAYS = 90;

  /** Clusters of a site are randomised within this many days of the site opening. */
  static final int CLUSTER_RANDOMISATION_DAYS = 14;

  /**
   * Shape of the gamma weights that split participants between clusters (small = very unequal
   * sizes).
   */
  static final double CLUSTER_SIZE_SHAPE = 1.2;

  private static final String[] REGIONS = {"north", "midlands", "south"};
  private static final long DESIGN_SALT = 1;

  private final List<Cluster> clusters;
  private final int sites;
  private final int participantDigits;

  private TrialDesign(List<Cluster> clusters, int sites, int participantDigits) {
    this.clusters = List.copyOf(clusters);
    this.sites = sites;
    this.participantDigits = participantDigits;
  }

  /**
   * @param clusterCount clusters
   * @param sites sites, 1 to {@code clusterCount}
   * @param participants participants
   * @param seed the trial's seed
   */
  public static TrialDesign create(int clusterCount, int sites, int participants, long seed) {
    Rng rng = Rng.forPart(seed, -1, DESIGN_SALT);
    int siteDigits = Math.max(2, digits(sites));
    int clusterDigits = Math.max(3, digits(clusterCount));

    // clusters in contiguous blocks per site; sizes of the blocks differ by at most one
    int[] siteOf = new int[clusterCount];
    for (int c = 0; c < clusterCount; c++) {
      siteOf[c] = (int) ((long) c * sites / clusterCount);
    }
    boolean[] od = allocate(siteOf, sites, rng);
    int[] siteOpens = new int[sites];
    for (int s = 0; s < sites; s++) {
      siteOpens[s] = TRIAL_START + rng.between(0, SITE_OPENING_DAYS);
    }
    int[] sizes = sizes(clusterCount, participants, rng);

    List<Cluster> list = new ArrayList<>(clusterCount);
    long next = 1;
    for (int c = 0; c < clusterCount; c++) {
      int s = siteOf[c];
      int randomised = siteOpens[s] + rng.between(0, CLUSTER_RANDOMISATION_DAYS);
      int deprivation = rng.between(1, 5);
      int listSize = 2500 + (int) Math.round(4000 * rng.gamma(2.5));
      double logFrailty = TrueEffects.CLUSTER_LOG_FRAILTY_SD * rng.normal();
      double qpr = TrueEffects.QPR_CLUSTER_SD * rng.normal();
      double bprs = TrueEffects.BPRS_CLUSTER_SD * rng.normal();
      list.add(
          new Cluster(
              c,
              "GP" + pad(c + 1, clusterDigits),
              "T" + pad(s + 1, siteDigits),
              od[c],
              randomised,
              REGIONS[s % REGIONS.length],
              deprivation,
              listSize,
              sizes[c],
              next,
              logFrailty,
              qpr,
              bprs));
      next += sizes[c];
    }
    return new TrialDesign(list, sites, Math.max(1, digits(participants)));
  }

  /** Arms randomised within site: a shuffled half OD, half TAU, a coin for the odd one out. */
  private static boolean[] allocate(int[] siteOf, int sites, Rng rng) {
    boolean[] od = new boolean[siteOf.length];
    int start = 0;
    for (int s = 0; s < sites; s++) {
      int end = start;
      while (end < siteOf.length && siteOf[end] == s) {
        end++;
      }
      int n = end - start;
      int[] order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = start + i;
      }
      for (int i = n - 1; i > 0; i--) {
        int j = rng.below(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      int odCount = n / 2 + (n % 2 == 1 && rng.chance(0.5) ? 1 : 0);
      for (int i = 0; i < odCount; i++) {
        od[order[i]] = true;
      }
      start = end;
    }
    return od;
  }

  /**
   * Cluster sizes: Dirichlet (normalised gamma) shares of the participants, allocated by largest
   * remainder after one participant per cluster when there are enough.
   */
  static int[] sizes(int clusters, int participants, Rng rng) {
    double[] weights = new double[clusters];
    double total = 0;
    for (int c = 0; c < clusters; c++) {
      weights[c] = rng.gamma(CLUSTER_SIZE_SHAPE);
      total += weights[c];
    }
    int[] sizes = new int[clusters];
    int base = participants >= clusters ? 1 : 0;
    long toShare = participants - (long) base * clusters;
    double[] remainder = new double[clusters];
    long given = 0;
    for (int c = 0; c < clusters; c++) {
      double quota = toShare * weights[c] / total;
      long whole = (long) Math.floor(quota);
      sizes[c] = base + (int) whole;
      remainder[c] = quota - whole;
      given += whole;
    }
    Integer[] order = new Integer[clusters];
    for (int c = 0; c < clusters; c++) {
      order[c] = c;
    }
    // largest remainder first, ties by position: a total order, so the result does not depend on
    // the sort
    Arrays.sort(
        order,
        (a, b) ->
            remainder[a] != remainder[b] ? Double.compare(remainder[b], remainder[a]) : a - b);
    for (int i = 0; given < toShare; i++, given++) {
      sizes[order[i % clusters]]++;
    }
    return sizes;
  }

  public List<Cluster> clusters() {
    return clusters;
  }

  public int sites() {
    return sites;
  }

  /** Width of the zero-padded participant number. */
  public int participantDigits() {
    return participantDigits;
  }

  static int digits(long n) {
    return Long.toString(Math.max(0, n)).length();
  }

  public static String pad(long n, int width) {
    String s = Long.toString(n);
    if (s.length() >= width) {
      return s;
    }
    StringBuilder b = new StringBuilder(width);
    for (int i = s.length(); i < width; i++) {
      b.append('0');
    }
    return b.append(s).toString();
  }
}
