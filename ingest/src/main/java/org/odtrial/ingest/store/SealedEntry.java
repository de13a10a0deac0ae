package org.odtrial.ingest.store;

/**
 * One entry of a store's seal chain: a load or an event, with its link.
 *
 * @param position its place in the chain, 1 for the first
 * @param load the load, when the entry is a load (null when it no longer exists)
 * @param event the event, when the entry is an event (null when it no longer exists)
 * @param link the chain's link after this entry (64 hex digits)
 */
public record SealedEntry(long position, LoadInfo load, HistoryEvent event, String link) {}
