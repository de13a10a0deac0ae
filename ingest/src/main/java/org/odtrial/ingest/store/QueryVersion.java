package org.odtrial.ingest.store;

import java.time.Instant;

/**
 * One version of a query in its history: what it was from one revision until the next change.
 *
 * @param revision the revision that wrote this version
 * @param load the latest load at that revision
 * @param at when (UTC)
 * @param user operating-system user
 * @param action {@code load}, {@code answer} or {@code import}
 * @param detail what the revision did, in words (e.g. the answer file's name)
 * @param status the stored status ({@code open}, {@code will-correct}, {@code confirmed}, {@code
 *     resolved})
 * @param message the message at that time
 * @param note the answer, or null
 * @param site the site, or null
 * @param rootId the root cause's query id, or null
 */
public record QueryVersion(
    long revision,
    int load,
    Instant at,
    String user,
    String action,
    String detail,
    QueryStatus status,
    String message,
    String note,
    String site,
    String rootId) {}
