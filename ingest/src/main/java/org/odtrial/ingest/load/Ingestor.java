package org.odtrial.ingest.load;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.odtrial.ingest.IngestException;
import org.odtrial.ingest.RecordSink;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.store.HistoryEvent;
import org.odtrial.ingest.store.LoadInfo;
import org.odtrial.ingest.store.LoadMetadata;
import org.odtrial.ingest.store.LoadResult;
import org.odtrial.ingest.store.LoadWriter;
import org.odtrial.ingest.store.PreparedRecord;
import org.odtrial.ingest.store.StoreException;
import org.odtrial.ingest.store.StoreSettings;
import org.odtrial.ingest.store.TrialStore;
import org.odtrial.ingest.validate.FileSummary;
import org.odtrial.ingest.validate.ValidationReport;
import org.odtrial.ingest.validate.Validator;

/**
 * Validates an upload and stores it as one new load, in one pass over the files and one
 * transaction: records stream from the validator into the open load, which commits only if
 * validation found no error. A store file that does not exist yet is built beside the target and
 * moved into place only on success, so a rejected first upload leaves no file behind.
 */
public final class Ingestor {
  private static final long PROGRESS_EVERY = 100_000;

  /**
   * Stands for the digests of an upload whose files are hashed only as validation reads them; the
   * load is given the real ones before it commits, and no load is compared with these.
   */
  private static final UploadFingerprint NOT_YET_HASHED = notYetHashed();

  private final String toolVersion;
  private final String user;
  private final Clock clock;
  private final StoreSettings settings;
  private final String site;
  private final boolean allowEmptied;
  private final boolean dryRun;

  private Ingestor(
      String toolVersion,
      String user,
      Clock clock,
      StoreSettings settings,
      String site,
      boolean allowEmptied,
      boolean dryRun) {
    this.toolVersion = toolVersion;
    this.user = user;
    this.clock = clock;
    this.settings = settings;
    this.site = site;
    this.allowEmptied = allowEmptied;
    this.dryRun = dryRun;
  }

  /** An ingestor recording the given tool version, the current OS user and the system UTC clock. */
  public static Ingestor of(String toolVersion) {
    return new Ingestor(
        toolVersion,
        System.getProperty("user.name", "unknown"),
        Clock.systemUTC(),
        StoreSettings.DEFAULT,
        null,
        false,
        false);
  }

  public Ingestor withUser(String user) {
    return new Ingestor(toolVersion, user, clock, settings, site, allowEmptied, dryRun);
  }

  public Ingestor withClock(Clock clock) {
    return new Ingestor(toolVersion, user, clock, settings, site, allowEmptied, dryRun);
  }

  /**
   * The same ingestor opening stores with {@code settings}; their wait is how long an ingest waits
   * for another one running on the same store, before it reads the upload.
   */
  public Ingestor withSettings(StoreSettings settings) {
    return new Ingestor(toolVersion, user, clock, settings, site, allowEmptied, dryRun);
  }

  /**
   * The same ingestor storing uploads of one site ({@code odtrial ingest --site}; null: of the
   * whole trial). Such an upload holds the site's clusters, their participants and those
   * participants' records; it is validated against the rest of the trial's current records, and its
   * load replaces the site's current records only: a record of the site left out of it is removed.
   */
  public Ingestor withSite(String site) {
    return new Ingestor(toolVersion, user, clock, settings, site, allowEmptied, dryRun);
  }

  /**
   * The same ingestor storing an upload even if one of its files has no records while the current
   * data (the site's, for an upload of one site) has records of it, which the load then removes
   * ({@code odtrial ingest --allow-emptied}); without it such an upload is rejected with the
   * finding {@code emptied-file}, as a file holding only its header is more often an export gone
   * wrong than a trial with nothing left in it.
   */
  public Ingestor withEmptiedFilesAllowed(boolean allow) {
    return new Ingestor(toolVersion, user, clock, settings, site, allow, dryRun);
  }

  /**
   * The same ingestor doing everything an ingest does (validating against the store, computing the
   * load, its changes, warnings and data queries), then rolling the load back instead of committing
   * it ({@code odtrial ingest --dry-run}): the result is {@link IngestResult.Outcome#DRY_RUN} with
   * the load as it would have been stored, and the store is left as it was. A store that did not
   * exist is not created.
   */
  public Ingestor withDryRun(boolean dryRun) {
    return new Ingestor(toolVersion, user, clock, settings, site, allowEmptied, dryRun);
  }

  /**
   * Ingests {@code dir} into the store at {@code location}: a {@code postgresql://} URL (the
   * database's store schema is created if it has none) or the path of a SQLite file.
   */
  public IngestResult ingest(Path dir, String location, LongConsumer progress) {
    if (!TrialStore.isServer(location)) {
      return ingest(dir, Path.of(location), progress);
    }
    if (!Files.isDirectory(dir)) {
      throw new IngestException("no such upload folder: " + dir);
    }
    try (TrialStore store = TrialStore.open(location, settings)) {
      return ingest(dir, store, progress);
    }
  }

  /** Ingests {@code dir} into the store file {@code db}. */
  public IngestResult ingest(Path dir, Path db) {
    return ingest(dir, db, rows -> {});
  }

  /**
   * Ingests {@code dir} into the store file {@code db}, reporting the number of records read so far
   * to {@code progress}.
   */
  public IngestResult ingest(Path dir, Path db, LongConsumer progress) {
    if (!Files.isDirectory(dir)) {
      throw new IngestException("no such upload folder: " + dir);
    }
    Path folder = db.toAbsolutePath().getParent();
    if (folder == null || !Files.isDirectory(folder)) {
      throw new IngestException(
          "the folder of the store " + db + " does not exist; create it first");
    }
    if (Files.exists(db)) {
      try (TrialStore store = TrialStore.open(db, settings)) {
        return ingest(dir, store, progress);
      }
    }
    if (!Files.isWritable(folder)) {
      // before the temporary store is made there: SQLite would name it, not the store asked for
      throw new IngestException(
          "cannot create the store "
              + db
              + ": its folder "
              + folder
              + " cannot be written (permissions, or a read-only file system)");
    }
    // a private name, so two first ingests at once never share (or delete) each other's file
    Path fresh =
        db.resolveSibling(
            "."
                + db.getFileName()
                + "."
                + Long.toHexString(new SecureRandom().nextLong())
                + ".new");
    try {
      IngestResult result;
      try (TrialStore store = TrialStore.open(fresh, settings)) {
        result = ingest(dir, store, progress);
      }
      if (result.outcome() == IngestResult.Outcome.STORED) {
        try {
          Files.createLink(db, fresh); // atomic, and never replaces a store made meanwhile
        } catch (FileAlreadyExistsException e) {
          // another ingest created the store first: add this upload to it as a new load
          try (TrialStore store = TrialStore.open(db, settings)) {
            return ingest(dir, store, progress);
          }
        } catch (UnsupportedOperationException e) {
          Files.move(fresh, db); // no hard links here: a move that fails if the store exists
        }
      }
      return result;
    } catch (FileAlreadyExistsException e) {
      throw new IngestException(
          "another ingest created the store " + db + " at the same time; ingest again", e);
    } catch (IOException e) {
      throw new IngestException("cannot create store " + db + ": " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(fresh);
        Files.deleteIfExists(fresh.resolveSibling(fresh.getFileName() + "-journal"));
      } catch (IOException ignored) {
        // best effort: a leftover temporary file is never read as a store
      }
    }
  }

  /** Ingests {@code dir} into an open store. */
  public IngestResult ingest(Path dir, TrialStore store, LongConsumer progress) {
    Optional<HistoryEvent> lock = store.lockState();
    if (lock.isPresent()) {
      throw StoreException.ingestLocked(store.name(), lock.get());
    }
    Optional<LoadInfo> latest = latestOfSameScope(store);
    // With no load to compare the upload with, its files are not hashed before validation reads
    // them (a pass over every byte, about 2 s for a million participants, before anything else
    // runs): the load stores the digests of the bytes validation read (LoadWriter.digests).
    Optional<UploadFingerprint> fingerprint =
        latest.isEmpty()
            ? (UploadFingerprint.complete(dir) ? Optional.of(NOT_YET_HASHED) : Optional.empty())
            : UploadFingerprint.read(dir);
    if (fingerprint.isEmpty()) {
      // A file is missing: the validator says which, and nothing can be stored.
      return new IngestResult(IngestResult.Outcome.REJECTED, Validator.of().validate(dir), null);
    }
    UploadFingerprint fp = fingerprint.get();
    if (latest.isPresent()
        && fp.upload().equals(latest.get().uploadSha256())
        && Objects.equals(site, latest.get().site())) {
      return new IngestResult(IngestResult.Outcome.UNCHANGED, null, latest.get());
    }
    try (LoadWriter writer = store.beginLoad(metadata(fp));
        // A load of the whole trial writes its records on a thread of its own, so that checking
        // them and encoding them for the database overlap; a site's load looks up the rest of the
        // trial on the same connection while it validates, so it writes on the validating thread.
        Writing writing =
            writer.siteScope() == null ? new WriteBehind(writer) : new WriteInline(writer)) {
      long[] rows = {0};
      RecordSink sink =
          (file, line, values) -> {
            writing.accept(file, line, values);
            if (++rows[0] % PROGRESS_EVERY == 0) {
              progress.accept(rows[0]);
            }
          };
      // in the load's own transaction: exactly the records the load would remove
      Set<TrialFile> stored = allowEmptied ? Set.of() : writer.filesWithCurrentRecords();
      ValidationReport report =
          Validator.of().withSite(writer.siteScope()).withStoredRecords(stored).validate(dir, sink);
      try {
        // A record the store cannot take (no usable key, say) is also a validation error; the
        // validator's report says so precisely, so the store's refusal only stops the writing and
        // is rethrown only if validation found nothing wrong.
        StoreException refused = writing.finish();
        progress.accept(rows[0]);
        if (report.hasErrors()) {
          writer.abort();
          return new IngestResult(IngestResult.Outcome.REJECTED, report, null);
        }
        if (refused != null) {
          throw refused;
        }
        if (fp == NOT_YET_HASHED) {
          Map<TrialFile, String> read = new EnumMap<>(TrialFile.class);
          report.files().forEach((file, summary) -> read.put(file, summary.sha256()));
          UploadFingerprint validated = UploadFingerprint.of(read);
          writer.digests(validated.upload(), validated.files());
        }
        for (Map.Entry<TrialFile, FileSummary> e : report.files().entrySet()) {
          if (fp != NOT_YET_HASHED && !e.getValue().sha256().equals(fp.files().get(e.getKey()))) {
            writer.abort();
            throw new IngestException(
                e.getKey().fileName()
                    + " changed while it was being read; nothing was stored, please ingest again");
          }
        }
        if (dryRun) {
          return new IngestResult(
              IngestResult.Outcome.DRY_RUN, report, writer.preview(report).info());
        }
        LoadResult result = writer.commit(report);
        return new IngestResult(IngestResult.Outcome.STORED, report, result.info());
      } catch (RuntimeException | Error e) {
        report.close();
        throw e;
      }
    }
  }

  /**
   * The latest load that could have stored the same records as this upload: the latest load for an
   * upload of the whole trial; for one site's, the latest of that site's and the whole trial's.
   */
  private Optional<LoadInfo> latestOfSameScope(TrialStore store) {
    if (site == null) {
      return store.latestLoad();
    }
    List<LoadInfo> loads = store.loads();
    for (int i = loads.size() - 1; i >= 0; i--) {
      String s = loads.get(i).site();
      if (s == null || s.equals(site)) {
        return Optional.of(loads.get(i));
      }
    }
    return Optional.empty();
  }

  private static UploadFingerprint notYetHashed() {
    Map<TrialFile, String> files = new EnumMap<>(TrialFile.class);
    for (TrialFile file : TrialFile.values()) {
      files.put(file, "0".repeat(64));
    }
    return new UploadFingerprint(files, "0".repeat(64));
  }

  private LoadMetadata metadata(UploadFingerprint fp) {
    return new LoadMetadata(
        fp.upload(),
        fp.files(),
        clock.instant().truncatedTo(ChronoUnit.SECONDS),
        user,
        toolVersion,
        TrialFile.CONTRACT_VERSION,
        site);
  }

  /**
   * How the validated records reach the open load: the first record the store refuses stops the
   * writing (the rest are dropped) and is returned by {@link #finish}.
   */
  private interface Writing extends RecordSink, AutoCloseable {
    /** Waits for every record handed over to be written; the store's refusal, if any. */
    StoreException finish();

    @Override
    void close();
  }

  /** Writes each record on the validating thread. */
  private static final class WriteInline implements Writing {
    private final LoadWriter writer;
    private StoreException refused;

    WriteInline(LoadWriter writer) {
      this.writer = writer;
    }

    @Override
    public void accept(TrialFile file, long line, String[] values) {
      if (refused == null) {
        try {
          writer.accept(file, line, values);
        } catch (StoreException e) {
          refused = e;
        }
      }
    }

    @Override
    public StoreException finish() {
      return refused;
    }

    @Override
    public void close() {}
  }

  /**
   * Prepares each record on the validating thread (key check, row hash, the seal's encoding: {@link
   * LoadWriter#prepare}) and hands the prepared records over in batches, through a bounded queue
   * (memory stays a few batches), to a thread that writes them in the order they came; the load and
   * its transaction stay one, and only that thread writes until {@link #finish} or {@link #close}
   * has waited for it. The first record refused, prepared or written, stops the writing.
   */
  private static final class WriteBehind implements Writing {
    private static final int BATCH = 1024;
    private static final PreparedRecord[] END = new PreparedRecord[0];

    private final LoadWriter writer;
    private final BlockingQueue<PreparedRecord[]> queue = new ArrayBlockingQueue<>(8);
    private final Thread thread;
    private PreparedRecord[] batch = new PreparedRecord[BATCH];
    private int used;
    private boolean ended;

    /** The first record the validating thread could not prepare; nothing after it is written. */
    private StoreException unprepared;

    /** Written by the writing thread, read after it ended. */
    private StoreException refused;

    private Throwable failed;
    private volatile boolean stop;

    WriteBehind(LoadWriter writer) {
      this.writer = writer;
      this.thread = new Thread(this::run, "odtrial-load-writer");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void accept(TrialFile file, long line, String[] values) {
      if (unprepared != null) {
        return;
      }
      PreparedRecord record;
      try {
        record = writer.prepare(file, line, values);
      } catch (StoreException e) {
        unprepared = e;
        return;
      }
      if (record == null) {
        return;
      }
      batch[used++] = record;
      if (used == batch.length) {
        hand(batch);
        batch = new PreparedRecord[BATCH];
        used = 0;
      }
    }

    @Override
    public StoreException finish() {
      if (used > 0) {
        hand(java.util.Arrays.copyOf(batch, used));
        used = 0;
      }
      end();
      if (failed instanceof RuntimeException e) {
        throw e;
      }
      if (failed instanceof Error e) {
        throw e;
      }
      // a refused write is of a record before the unprepared one (none after it was handed over)
      return refused != null ? refused : unprepared;
    }

    @Override
    public void close() {
      if (!ended) {
        stop = true;
        queue.clear();
        end();
      }
    }

    private void end() {
      ended = true;
      hand(END);
      boolean interrupted = false;
      while (thread.isAlive()) {
        try {
          thread.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    private void hand(PreparedRecord[] records) {
      try {
        while (!queue.offer(records, 100, TimeUnit.MILLISECONDS)) {
          if (!thread.isAlive()) {
            return; // it ended with a failure, which finish reports
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IngestException("interrupted while storing the upload", e);
      }
    }

    private void run() {
      try {
        while (true) {
          PreparedRecord[] records = queue.take();
          if (records == END) {
            return;
          }
          for (int i = 0; i < records.length && refused == null && !stop; i++) {
            try {
              writer.write(records[i]);
            } catch (StoreException e) {
              refused = e;
            }
          }
        }
      } catch (InterruptedException e) {
        failed = new IngestException("interrupted while storing the upload", e);
      } catch (RuntimeException | Error e) {
        failed = e;
      }
    }
  }
}
