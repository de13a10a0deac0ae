package org.odtrial.ingest.store.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import org.odtrial.ingest.contract.Column;
import org.odtrial.ingest.contract.ColumnType;

/**
 * The seal's part {@code <table> inserted} of a load that writes a table directly (its first rows),
 * computed from the records as they are written instead of by reading them back from the database:
 * the same bytes ({@link Canonical}'s encoding of every column but {@code valid_to}, as {@code
 * Seals.RowCodec#encodeInserted} encodes what JDBC reads back) hashed in the same order (by key, as
 * the database's {@code ORDER BY} sorts the key columns: text by code point, which is SQLite's
 * BINARY and PostgreSQL's {@code COLLATE "C"}, integers by value), so {@code verify} recomputes the
 * same digest from the stored rows.
 *
 * <p>Uploads are often in key order, or nearly: each record is kept as a sort key and its encoding
 * in a run of about {@link #RUN_BYTES}. While every record has come in key order a full run is
 * hashed at once; otherwise runs are sorted and written to a temporary file and merged at the end,
 * as an external sort does, so memory does not grow with the upload. If records came in order for
 * more than a run and then not, the part can be computed this way only when every later record
 * sorts after the ones already hashed; otherwise {@link #finish} returns null and the caller reads
 * the rows back.
 *
 * <p>A load's rows all have the same {@code valid_from}, so the key alone orders them; two records
 * with the same key make the load fail at its unique index, so their order does not matter.
 */
final class InsertedPart implements AutoCloseable {
  static final int RUN_BYTES = 16 << 20;

  private static final int HASH_BUFFER = 1 << 16;
  private static final int PARK_BYTES = 1 << 20;

  private final String name;
  private final int load;
  private final int runBytes;
  private final ColumnType[] types;
  private final int[] keys;
  private final boolean[] integerKey;
  private final MessageDigest digest;
  private final byte[] hashBuffer = new byte[HASH_BUFFER];
  private int hashed;

  /** The current run: records (sort key, then encoding) back to back. */
  private byte[] arena;

  private int used;

  /** Per record of the run: where it starts and where its encoding starts. */
  private int[] starts = new int[1024];

  private int[] encodings = new int[1024];
  private int count;

  /** The run's records so far came in key order. */
  private boolean runSorted = true;

  /** Every record so far came in key order, so nothing was spilled. */
  private boolean inOrder = true;

  /** The last key hashed directly (records in order), or null. */
  private byte[] lastHashed;

  private long rows;

  private Path spill;
  private FileChannel spillChannel;
  private final java.util.ArrayList<long[]> runs = new java.util.ArrayList<>();
  private long spilled;
  private final byte[] spillBuffer = new byte[1 << 16];

  private InsertedPart(
      String name, StoredTable table, int load, int runBytes, MessageDigest digest) {
    this.name = name;
    this.load = load;
    this.runBytes = runBytes;
    this.digest = digest;
    List<Column> columns = table.file().columns();
    this.types = columns.stream().map(Column::type).toArray(ColumnType[]::new);
    this.keys = table.keyColumns().stream().mapToInt(table.file()::indexOf).toArray();
    this.integerKey = new boolean[keys.length];
    for (int i = 0; i < keys.length; i++) {
      integerKey[i] = types[keys[i]] == ColumnType.INTEGER;
    }
    this.arena = new byte[Math.min(runBytes, 1 << 16)];
  }

  /**
   * The part for {@code table}'s rows written by {@code load}, or null when its key cannot be
   * sorted here (a decimal key column: none in the contract).
   */
  static InsertedPart of(StoredTable table, int load) {
    return of(table, load, RUN_BYTES);
  }

  static InsertedPart of(StoredTable table, int load, int runBytes) {
    for (String key : table.keyColumns()) {
      if (table.file().columns().get(table.file().indexOf(key)).type() == ColumnType.DECIMAL) {
        return null;
      }
    }
    try {
      return new InsertedPart(
          Seals.inserted(table.file()),
          table,
          load,
          runBytes,
          MessageDigest.getInstance("SHA-256"));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }

  /**
   * Adds a record as it is written: {@code values} as uploaded (its key checked by {@link
   * StoredTable#checkKey}) and its row hash.
   */
  void add(String[] values, byte[] rowHash) {
    rows++;
    int start = used;
    // the sort key
    for (int i = 0; i < keys.length; i++) {
      String v = values[keys[i]];
      if (integerKey[i]) {
        room(8);
        putLong(Long.parseLong(v) ^ Long.MIN_VALUE);
      } else {
        sortText(v);
      }
    }
    int encoding = used;
    // the encoding: every stored column but valid_to, as the database gives them back
    for (int i = 0; i < types.length; i++) {
      String v = values[i];
      switch (types[i]) {
        case INTEGER -> {
          Long value = v == null ? null : ValueCodec.parseLong(v);
          if (value == null) {
            nullValue();
            text(v);
          } else {
            integer(value);
            if (ValueCodec.isCanonicalInteger(v)) {
              nullValue();
            } else {
              text(v);
            }
          }
        }
        case DECIMAL -> {
          double d = v == null ? Double.NaN : parseDouble(v);
          if (Double.isFinite(d)) {
            room(9);
            arena[used++] = 2;
            putLong(Double.doubleToLongBits(d == 0.0 ? 0.0 : d));
          } else {
            nullValue();
          }
          text(v);
        }
        default -> text(v);
      }
    }
    room(5 + rowHash.length);
    arena[used++] = 4;
    putInt(rowHash.length);
    System.arraycopy(rowHash, 0, arena, used, rowHash.length);
    used += rowHash.length;
    integer(load);
    if (count == starts.length) {
      starts = Arrays.copyOf(starts, 2 * count);
      encodings = Arrays.copyOf(encodings, 2 * count);
    }
    if (count > 0) {
      int p = count - 1;
      if (compare(arena, starts[p], encodings[p], arena, start, encoding) > 0) {
        runSorted = false;
      }
    } else if (lastHashed != null
        && Arrays.compareUnsigned(lastHashed, 0, lastHashed.length, arena, start, encoding) > 0) {
      runSorted = false;
    }
    starts[count] = start;
    encodings[count] = encoding;
    count++;
    if (used >= runBytes) {
      endRun();
    }
  }

  /**
   * The table's records pause (another table's arrive, or the connection runs a query): a large run
   * in memory is hashed or spilled now, so that tables waiting for their commit do not each hold a
   * run.
   */
  void park() {
    if (used >= PARK_BYTES) {
      endRun();
      arena = new byte[1 << 16];
    }
  }

  /**
   * The part's row count and digest; null if the records came partly in order and partly not in a
   * way this cannot hash (the caller then reads the rows back in key order).
   */
  Seals.Part finish() {
    try {
      if (inOrder && runSorted) {
        hashRun(identity());
        return part();
      }
      if (count > 0) {
        spillRun();
      }
      if (!runs.isEmpty()) {
        if (!merge()) {
          return null;
        }
      }
      return part();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot sort the load's records for its seal", e);
    } finally {
      close();
    }
  }

  @Override
  public void close() {
    arena = new byte[0];
    if (spillChannel != null) {
      try {
        spillChannel.close();
      } catch (IOException ignored) {
        // the file is deleted below either way
      }
      spillChannel = null;
    }
    if (spill != null) {
      try {
        Files.deleteIfExists(spill);
      } catch (IOException ignored) {
        // a leftover temporary file holds nothing the store needs
      }
      spill = null;
    }
  }

  private Seals.Part part() {
    flushHash();
    return new Seals.Part(name, rows, digest.digest());
  }

  private void endRun() {
    try {
      if (inOrder && runSorted) {
        int[] order = identity();
        int last = order[count - 1];
        lastHashed = Arrays.copyOfRange(arena, starts[last], encodings[last]);
        hashRun(order);
      } else {
        inOrder = false;
        spillRun();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot sort the load's records for its seal", e);
    }
    count = 0;
    used = 0;
    runSorted = true;
  }

  private int[] identity() {
    int[] order = new int[count];
    for (int i = 0; i < count; i++) {
      order[i] = i;
    }
    return order;
  }

  private int[] sortedRun() {
    int[] order = identity();
    if (!runSorted) {
      mergeSort(order, new int[count], 0, count);
    }
    return order;
  }

  /**
   * Sorts {@code order[from..to)} by the records' sort keys: a merge sort on the indexes themselves
   * (no boxing). Uploads are nearly in key order (an outcome file in participant order, each
   * participant's rows in another order), so, as TimSort does, small blocks are sorted by binary
   * insertion, and two sorted halves are merged only where they overlap: the left half's records
   * not after the right's first, and the right's not before the left's last, stay where they are.
   */
  private void mergeSort(int[] order, int[] scratch, int from, int to) {
    if (to - from <= 32) {
      for (int i = from + 1; i < to; i++) {
        int r = order[i];
        if (compareRecords(order[i - 1], r) <= 0) {
          continue;
        }
        int at = firstAfter(order, from, i - 1, r, true);
        System.arraycopy(order, at, order, at + 1, i - at);
        order[at] = r;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(order, scratch, from, mid);
    mergeSort(order, scratch, mid, to);
    if (compareRecords(order[mid - 1], order[mid]) <= 0) {
      return;
    }
    // left records up to the right's first, and right records from the left's last on, are placed
    int start = firstAfter(order, from, mid - 1, order[mid], true);
    int end = firstAfter(order, mid, to, order[mid - 1], false);
    System.arraycopy(order, start, scratch, start, mid - start);
    int i = start;
    int j = mid;
    int k = start;
    while (i < mid && j < end) {
      order[k++] = compareRecords(order[j], scratch[i]) < 0 ? order[j++] : scratch[i++];
    }
    while (i < mid) {
      order[k++] = scratch[i++];
    }
  }

  /**
   * The first index in {@code order[lo..hi)} (sorted) whose record comes after {@code key}'s
   * ({@code strictly}; otherwise: is not before it), or {@code hi} if none does: a binary search.
   */
  private int firstAfter(int[] order, int lo, int hi, int key, boolean strictly) {
    int at = lo;
    int to = hi;
    int below = strictly ? 1 : 0; // compareRecords(order[m], key) < below: order[m] comes earlier
    while (at < to) {
      int m = (at + to) >>> 1;
      if (compareRecords(order[m], key) < below) {
        at = m + 1;
      } else {
        to = m;
      }
    }
    return at;
  }

  private int compareRecords(int x, int y) {
    return compare(arena, starts[x], encodings[x], arena, starts[y], encodings[y]);
  }

  private void hashRun(int[] order) {
    for (int r : order) {
      hash(arena, encodings[r], end(r) - encodings[r]);
    }
  }

  private int end(int r) {
    return r + 1 < count ? starts[r + 1] : used;
  }

  /** Writes the run, sorted, to the spill file: per record key length, encoding length, bytes. */
  private void spillRun() throws IOException {
    int[] order = sortedRun();
    if (spillChannel == null) {
      spill = Files.createTempFile("odtrial-seal-", ".run");
      // deleted on close, and on Linux and macOS unlinked as soon as it is open, so that not even a
      // killed ingest leaves it behind
      spillChannel =
          FileChannel.open(
              spill,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.DELETE_ON_CLOSE);
    }
    long runStart = spilled;
    // records gathered in a plain array (ByteBuffer's per-int bounds checks cost more than the
    // copy)
    byte[] out = spillBuffer;
    int at = 0;
    for (int r : order) {
      int keyLength = encodings[r] - starts[r];
      int length = end(r) - starts[r];
      if (out.length - at < 8 + length) {
        write(out, at);
        at = 0;
        if (out.length < 8 + length) {
          out = new byte[8 + length];
        }
      }
      writeInt(out, at, keyLength);
      writeInt(out, at + 4, length - keyLength);
      System.arraycopy(arena, starts[r], out, at + 8, length);
      at += 8 + length;
    }
    write(out, at);
    runs.add(new long[] {runStart, spilled});
    count = 0;
    used = 0;
  }

  private void write(byte[] out, int length) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(out, 0, length);
    while (b.hasRemaining()) {
      spilled += spillChannel.write(b, spilled);
    }
  }

  private static void writeInt(byte[] b, int at, int n) {
    b[at] = (byte) (n >>> 24);
    b[at + 1] = (byte) (n >>> 16);
    b[at + 2] = (byte) (n >>> 8);
    b[at + 3] = (byte) n;
  }

  /** Merges the spilled runs in key order into the digest; false if they sort before the hashed. */
  private boolean merge() throws IOException {
    PriorityQueue<RunReader> queue =
        new PriorityQueue<>((x, y) -> compare(x.buffer, x.at, x.keyEnd, y.buffer, y.at, y.keyEnd));
    for (long[] run : runs) {
      RunReader r = new RunReader(spillChannel, run[0], run[1]);
      if (r.next()) {
        queue.add(r);
      }
    }
    boolean first = true;
    while (!queue.isEmpty()) {
      RunReader r = queue.poll();
      if (first) {
        first = false;
        if (lastHashed != null
            && Arrays.compareUnsigned(lastHashed, 0, lastHashed.length, r.buffer, r.at, r.keyEnd)
                > 0) {
          return false;
        }
      }
      hash(r.buffer, r.keyEnd, r.end - r.keyEnd);
      if (r.next()) {
        queue.add(r);
      }
    }
    return true;
  }

  /** One spilled run, read in blocks. */
  private static final class RunReader {
    private final FileChannel channel;
    private long position;
    private final long limit;
    private byte[] buffer = new byte[1 << 16];
    private int filled;
    private int next;
    int at;
    int keyEnd;
    int end;

    RunReader(FileChannel channel, long start, long limit) {
      this.channel = channel;
      this.position = start;
      this.limit = limit;
    }

    /** Steps to the next record; false at the end of the run. */
    boolean next() throws IOException {
      if (!ensure(8)) {
        return false;
      }
      int keyLength = readInt(next);
      int length = readInt(next + 4);
      if (!ensure(8 + keyLength + length)) {
        throw new IOException("a spilled run of the seal ends inside a record");
      }
      at = next + 8;
      keyEnd = at + keyLength;
      end = keyEnd + length;
      next = end;
      return true;
    }

    private boolean ensure(int n) throws IOException {
      if (filled - next >= n) {
        return true;
      }
      System.arraycopy(buffer, next, buffer, 0, filled - next);
      filled -= next;
      next = 0;
      if (buffer.length < n) {
        buffer = Arrays.copyOf(buffer, Math.max(n, 2 * buffer.length));
      }
      while (filled < n && position < limit) {
        int want = (int) Math.min(buffer.length - filled, limit - position);
        int got = channel.read(ByteBuffer.wrap(buffer, filled, want), position);
        if (got < 0) {
          throw new IOException("the seal's spill file is shorter than written");
        }
        position += got;
        filled += got;
      }
      return filled - next >= n;
    }

    private int readInt(int i) {
      return (buffer[i] & 0xff) << 24
          | (buffer[i + 1] & 0xff) << 16
          | (buffer[i + 2] & 0xff) << 8
          | (buffer[i + 3] & 0xff);
    }
  }

  private static int compare(byte[] a, int aFrom, int aTo, byte[] b, int bFrom, int bTo) {
    return Arrays.compareUnsigned(a, aFrom, aTo, b, bFrom, bTo);
  }

  private void hash(byte[] b, int from, int length) {
    if (length > HASH_BUFFER - hashed) {
      flushHash();
      if (length > HASH_BUFFER) {
        digest.update(b, from, length);
        return;
      }
    }
    System.arraycopy(b, from, hashBuffer, hashed, length);
    hashed += length;
  }

  private void flushHash() {
    if (hashed > 0) {
      digest.update(hashBuffer, 0, hashed);
      hashed = 0;
    }
  }

  // ---- the sort key ----------------------------------------------------------------------------

  /**
   * A text key value whose bytes compare, unsigned, as its code points do: its UTF-8 bytes with 0
   * and 1 written as 1 1 and 1 2, then a 0, so a text sorts before any longer text it begins.
   */
  private void sortText(String v) {
    int n = v.length();
    room(n + 1);
    int at = used;
    for (int i = 0; i < n; i++) {
      char ch = v.charAt(i);
      if (ch < 2 || ch >= 0x80) {
        sortTextBytes(v); // what was copied is overwritten
        return;
      }
      arena[at++] = (byte) ch;
    }
    arena[at++] = 0;
    used = at;
  }

  /** {@link #sortText} of a key with a character outside 2..127: from its UTF-8 bytes. */
  private void sortTextBytes(String v) {
    byte[] b = v.getBytes(StandardCharsets.UTF_8);
    room(2 * b.length + 1);
    for (byte x : b) {
      if (x == 0 || x == 1) {
        arena[used++] = 1;
        arena[used++] = (byte) (x + 1);
      } else {
        arena[used++] = x;
      }
    }
    arena[used++] = 0;
  }

  // ---- Canonical's encoding --------------------------------------------------------------------

  private void nullValue() {
    room(1);
    arena[used++] = 0;
  }

  private void integer(long v) {
    room(9);
    arena[used++] = 1;
    putLong(v);
  }

  private void text(String s) {
    if (s == null) {
      nullValue();
      return;
    }
    int n = s.length();
    room(5 + n);
    int at = used + 5;
    int high = 0;
    for (int i = 0; i < n; i++) {
      char ch = s.charAt(i);
      high |= ch;
      arena[at + i] = (byte) ch;
    }
    if (high < 0x80) {
      arena[used++] = 3;
      putInt(n);
      used += n;
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    room(5 + b.length);
    arena[used++] = 3;
    putInt(b.length);
    System.arraycopy(b, 0, arena, used, b.length);
    used += b.length;
  }

  private static double parseDouble(String v) {
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private void putInt(int n) {
    arena[used++] = (byte) (n >>> 24);
    arena[used++] = (byte) (n >>> 16);
    arena[used++] = (byte) (n >>> 8);
    arena[used++] = (byte) n;
  }

  private void putLong(long v) {
    for (int i = 7; i >= 0; i--) {
      arena[used + i] = (byte) v;
      v >>>= 8;
    }
    used += 8;
  }

  /** Room for {@code n} more bytes in the arena (a run may go past its size by one record). */
  private void room(int n) {
    if (used + n > arena.length) {
      arena = Arrays.copyOf(arena, Math.max(used + n, Math.min(2 * arena.length, runBytes + n)));
    }
  }
}
