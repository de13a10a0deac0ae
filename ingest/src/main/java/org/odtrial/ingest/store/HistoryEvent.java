package org.odtrial.ingest.store;

import java.time.Instant;

/**
 * One entry of a store's history besides its loads: a blinding key created, an unblinding.
 *
 * @param seq order of the event in the store
 * @param event short name, e.g. {@code blinding-key-created}, {@code unblinded}
 * @param at when (UTC)
 * @param user operating-system user
 * @param detail what and why, in words
 */
public record HistoryEvent(long seq, String event, Instant at, String user, String detail) {}
