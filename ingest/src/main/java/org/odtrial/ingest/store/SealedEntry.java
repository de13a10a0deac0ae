package org.odtrial.ingest.store;

import java.time.Instant;

/**
 * One entry of a store's seal chain: a load, an event or a revision of the query history, with its
 * link.
 *
 * @param position its place in the chain, 1 for the first
 * @param load the load, when the entry is a load (null when it no longer exists)
 * @param event the event, when the entry is an event (null when it no longer exists)
 * @param revision the revision of the query history, when the entry is one (null when it no longer
 *     exists)
 * @param link the chain's link after this entry (64 hex digits)
 */
public record SealedEntry(
    long position, LoadInfo load, HistoryEvent event, Revision revision, String link) {

  /**
   * A revision of the query history: a load's update of the queries, an answer given on the command
   * line or an imported answer file.
   *
   * @param action {@code load}, {@code answer} or {@code import}
   */
  public record Revision(
      long revision, int load, Instant at, String user, String action, String detail) {}
}
