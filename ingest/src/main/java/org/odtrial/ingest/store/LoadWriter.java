package org.odtrial.ingest.store;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.odtrial.ingest.RecordSink;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.validate.Finding;
import org.odtrial.ingest.validate.FindingReport;
import org.odtrial.ingest.validate.SiteScope;

/**
 * An open load: one SQLite write transaction into which the upload's records are streamed. Nothing
 * is visible to other connections, nor survives a crash, until {@link #commit} returns. Not
 * thread-safe.
 *
 * <p>Each file's records are the complete new state of that file (in a load of one site: of that
 * site's records of the file): a current record whose key does not arrive is removed by the load.
 * After any exception the load can only be aborted; {@link #close} aborts an uncommitted load.
 */
public interface LoadWriter extends RecordSink, AutoCloseable {

  /** The number this load gets when committed. */
  int loadNumber();

  /**
   * The part of {@link #accept} that does not use the database: checks the record's key, hashes it
   * and adds it to the load's seal. It may run on another thread than {@link #write}, one thread at
   * a time, in record order and ahead of it, so that this work overlaps the database's; {@code
   * accept(file, line, values)} is {@code write(prepare(file, line, values))}.
   *
   * @return the record for {@link #write}; null if it needs no writing (its file is byte-identical
   *     to the latest load's)
   * @throws StoreException if the record cannot be stored; the load must then be aborted
   */
  PreparedRecord prepare(TrialFile file, long line, String[] values);

  /**
   * Writes a record returned by {@link #prepare} (nothing for null), in the order they were
   * prepared.
   *
   * @throws StoreException if the database refuses it; the load must then be aborted
   */
  void write(PreparedRecord record);

  @Override
  default void accept(TrialFile file, long line, String[] values) {
    write(prepare(file, line, values));
  }

  /**
   * For a load of one site ({@link LoadMetadata#site()}), the rest of the trial its upload is to be
   * validated against (fixed when the load began); null for a load of the whole trial.
   */
  default SiteScope siteScope() {
    return null;
  }

  /**
   * The files of which the current data in this load's part of the trial (the whole trial, or the
   * site's records for a load of one site, as {@link #siteScope} fixes them) has records: those the
   * load removes if its upload's file holds none. Read in the load's own transaction, before its
   * first record is written.
   *
   * @throws IllegalStateException once a record was written
   */
  Set<TrialFile> filesWithCurrentRecords();

  /**
   * Replaces the digests the load began with by those of the files as they were read and validated
   * ({@code fileSha256} and the upload's {@code uploadSha256}, as {@link LoadMetadata} has them),
   * for a load that began before its files were hashed. Allowed only while no file of the load was
   * found byte-identical to the latest load's by its digest: then the digests it began with were
   * never used.
   *
   * @throws StoreException otherwise
   */
  void digests(String uploadSha256, Map<TrialFile, String> fileSha256);

  /**
   * Compares the streamed records with the current load, writes the differences, the load's record,
   * its warnings and rule counts, brings the data queries up to date, and commits.
   *
   * @param warnings the validation findings to store with the load, streamed in report order; all
   *     must be warnings (an upload with errors must be aborted)
   * @throws StoreException if anything fails; the load is then rolled back and the database is as
   *     it was
   */
  LoadResult commit(FindingReport warnings);

  /**
   * Everything {@link #commit} does, then a rollback instead of the commit ({@code odtrial ingest
   * --dry-run}): what the load would change, its number and statistics, with the database left as
   * it was.
   *
   * @throws StoreException as {@link #commit} would; the load is rolled back either way
   */
  LoadResult preview(FindingReport warnings);

  /** As {@link #commit(FindingReport)}, for a list of warnings in report order. */
  default LoadResult commit(List<Finding> warnings) {
    return commit(FindingReport.of(warnings));
  }

  /**
   * Rolls the load back: the database file is left byte-for-byte as it was before {@code
   * beginLoad}.
   */
  void abort();

  /** Aborts the load unless it was committed or aborted already. */
  @Override
  void close();
}
