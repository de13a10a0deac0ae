package org.odtrial.ingest.store;

/**
 * What {@link TrialStore#verifyReading} found: the store's verification, and what the reader of the
 * load's records threw, if anything. Use nothing the reader built unless the verification allows
 * it.
 *
 * @param verification the whole store's verification, as {@link TrialStore#verify()} gives it
 * @param readerFailure the first exception the reader threw (no record was handed to it after), or
 *     null
 */
public record VerifiedRead(Verification verification, RuntimeException readerFailure) {}
