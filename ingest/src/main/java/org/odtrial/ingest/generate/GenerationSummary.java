package org.odtrial.ingest.generate;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.odtrial.ingest.contract.TrialFile;

/**
 * What a generator run wrote.
 *
 * @param rows data rows written per file (header not counted; duplicated rows counted), in {@link
 *     TrialFile} order
 * @param sites number of sites (NHS trusts)
 * @param clusters number of clusters
 * @param participants number of distinct participants generated
 * @param mistakes injected mistakes per kind, every kind present (0 in a clean trial), in {@link
 *     MistakeKind} order
 * @param injected where the mistakes are, in writing order per file; at most {@link #MAX_LISTED}
 *     are listed
 */
public record GenerationSummary(
    Map<TrialFile, Long> rows,
    int sites,
    int clusters,
    long participants,
    Map<MistakeKind, Long> mistakes,
    List<InjectedMistake> injected) {

  /**
   * Most mistakes listed in {@link #injected()}; counts in {@link #mistakes()} are always complete.
   */
  public static final int MAX_LISTED = 10_000;

  public GenerationSummary {
    // EnumMap copies keep enum order whatever map the caller passes (and accept an empty one)
    EnumMap<TrialFile, Long> r = new EnumMap<>(TrialFile.class);
    r.putAll(rows);
    rows = Collections.unmodifiableMap(r);
    EnumMap<MistakeKind, Long> m = new EnumMap<>(MistakeKind.class);
    m.putAll(mistakes);
    mistakes = Collections.unmodifiableMap(m);
    injected = List.copyOf(injected);
  }

  /** All injected mistakes, of every kind. */
  public long totalMistakes() {
    return mistakes.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Rows of one file. */
  public long rows(TrialFile file) {
    return rows.getOrDefault(file, 0L);
  }
}
