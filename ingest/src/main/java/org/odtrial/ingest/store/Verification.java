package org.odtrial.ingest.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link TrialStore#verify()} found: whether every load and event still matches its seal and
 * the chain links up, and if not, each broken link, first in chain order.
 *
 * @param entries sealed entries in the chain (loads, events and revisions of the query history)
 * @param loads loads in the store
 * @param events events in the store's history
 * @param revisions revisions of the query history (loads, answers, imported answer files)
 * @param head the last link of the chain (64 hex digits), to be recorded outside the store; null
 *     when the chain is empty
 * @param links every link of the chain, oldest first (position i is entry i + 1)
 * @param loadPositions where each sealed load stands in the chain
 * @param blindingKeyPosition where the creation of the blinding key stands in the chain, 0 if none
 * @param problems each broken link or unsealed change, first in chain order; empty when intact
 */
public record Verification(
    int entries,
    int loads,
    int events,
    int revisions,
    String head,
    List<String> links,
    Map<Integer, Long> loadPositions,
    long blindingKeyPosition,
    List<Problem> problems) {

  public Verification {
    links = List.copyOf(links);
    loadPositions = Map.copyOf(loadPositions);
    problems = List.copyOf(problems);
  }

  /**
   * One broken link or unsealed change.
   *
   * @param position the chain entry it breaks (1 = first), or {@link Long#MAX_VALUE} for content
   *     the chain does not cover at all (rows of a load that does not exist, an unsealed event)
   * @param load the load whose content it concerns, or null
   * @param table the table, or null
   * @param record the record (its key), or null when it cannot be told
   * @param message what is wrong, in words
   * @param revision the revision of the query history it concerns, or null; {@code record} is then
   *     the query id, when it can be told
   */
  public record Problem(
      long position, Integer load, String table, String record, String message, Long revision) {
    public Problem(long position, Integer load, String table, String record, String message) {
      this(position, load, table, record, message, null);
    }
  }

  public boolean intact() {
    return problems.isEmpty();
  }

  /** The first broken link in chain order. */
  public Optional<Problem> firstBreak() {
    return problems.stream().findFirst();
  }

  /**
   * The first problem that touches what a reader of load {@code load} relies on: the chain up to
   * and including that load's seal (and up to the blinding key's when {@code blinding}), and the
   * content of loads 1 to {@code load}. Loads and events after them do not change what it reads,
   * nor does the query history (statuses, answers, a load's query ids and per-rule counts), which
   * {@code verify} reports but no analysis reads.
   */
  public Optional<Problem> firstBreakAffecting(int load, boolean blinding) {
    long through =
        Math.max(
            loadPositions.getOrDefault(load, Long.MAX_VALUE), blinding ? blindingKeyPosition : 0);
    return problems.stream()
        .filter(p -> p.revision() == null)
        .filter(p -> p.position() <= through || (p.load() != null && p.load() <= load))
        .findFirst();
  }

  /** Whether {@code link} (64 hex digits, or a prefix of at least 16) is a link of the chain. */
  public Optional<Integer> positionOf(String link) {
    String l = link.toLowerCase(java.util.Locale.ROOT);
    for (int i = 0; i < links.size(); i++) {
      if (l.length() >= 16 && links.get(i).startsWith(l)) {
        return Optional.of(i + 1);
      }
    }
    return Optional.empty();
  }
}
