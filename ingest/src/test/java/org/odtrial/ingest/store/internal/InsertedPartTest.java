package org.odtrial.ingest.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.odtrial.ingest.contract.Column;
import org.odtrial.ingest.contract.ColumnType;
import org.odtrial.ingest.contract.TrialFile;

/**
 * The seal part computed while a load writes its rows ({@link InsertedPart}) is the one {@link
 * Seals} computes from the rows read back: the same encoding of what the database gives back, in
 * the database's key order, whether the records come in order, shuffled, or partly ordered, and
 * whether they fit in one run or are sorted through the spill file.
 */
class InsertedPartTest {
  private static final int LOAD = 3;
  private static final StoredTable OUTCOMES = StoredTable.of(TrialFile.OUTCOMES);
  private static final StoredTable PARTICIPANTS = StoredTable.of(TrialFile.PARTICIPANTS);

  /** Participant ids whose code point order differs from Java's UTF-16 order and from length. */
  private static final String[] IDS = {
    "P9", "P10", "P1", "é", "e", "\uFFFD", "\uD83D\uDE00", "a\u0001b", "a", "ab", "Z", "P1-2"
  };

  private static final String[] INSTRUMENTS = {"QPR", "BPRS", "Q", "QPRS"};

  /** The part as {@link Seals} reads it back: JDBC's values, ordered as ORDER BY orders them. */
  private static Seals.Part reference(StoredTable table, List<String[]> records) {
    List<String[]> sorted = new ArrayList<>(records);
    sorted.sort(databaseOrder(table));
    Seals.RowCodec codec = Seals.RowCodec.of(table);
    Seals.PartBuilder b = new Seals.PartBuilder(Seals.inserted(table.file()));
    RecordHasher hasher = new RecordHasher();
    for (String[] r : sorted) {
      codec.encodeInserted(b.c, asStored(table, r, hasher.hash(r)));
      b.rows++;
    }
    return b.build();
  }

  /** The row as the database gives it back: data columns, row_hash, valid_from, valid_to. */
  private static Object[] asStored(StoredTable table, String[] values, byte[] hash) {
    List<Object> row = new ArrayList<>();
    List<Column> columns = table.file().columns();
    for (int i = 0; i < values.length; i++) {
      String v = values[i];
      switch (columns.get(i).type()) {
        case INTEGER -> {
          Long n = v == null ? null : ValueCodec.parseLong(v);
          row.add(n);
          row.add(n != null && Long.toString(n).equals(v) ? null : v);
        }
        case DECIMAL -> {
          Double d = null;
          try {
            d = v == null ? null : Double.valueOf(v);
          } catch (NumberFormatException e) {
            d = null;
          }
          row.add(d != null && Double.isFinite(d) ? d : null);
          row.add(v);
        }
        default -> row.add(v);
      }
    }
    row.add(hash);
    row.add((long) LOAD);
    row.add(null);
    return row.toArray();
  }

  /** Text by code point (SQLite's BINARY, PostgreSQL's COLLATE "C"), integers by value. */
  private static Comparator<String[]> databaseOrder(StoredTable table) {
    Comparator<String[]> order = (a, b) -> 0;
    for (String key : table.keyColumns()) {
      int i = table.file().indexOf(key);
      if (table.file().columns().get(i).type() == ColumnType.INTEGER) {
        order = order.thenComparingLong(r -> Long.parseLong(r[i]));
      } else {
        order =
            order.thenComparing(
                r -> r[i],
                (x, y) -> Arrays.compare(x.codePoints().toArray(), y.codePoints().toArray()));
      }
    }
    return order;
  }

  private static Seals.Part written(StoredTable table, List<String[]> records, int runBytes) {
    InsertedPart part = InsertedPart.of(table, LOAD, runBytes);
    RecordHasher hasher = new RecordHasher();
    for (String[] r : records) {
      part.add(r, hasher.hash(r));
    }
    return part.finish();
  }

  /** Outcomes with unique keys, timepoints written in several forms (+5, 007, -3). */
  private static List<String[]> outcomes(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<String[]> records = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    while (records.size() < n) {
      String id =
          IDS[random.nextInt(IDS.length)] + (random.nextInt(3) == 0 ? "" : random.nextInt(50));
      String instrument = INSTRUMENTS[random.nextInt(INSTRUMENTS.length)];
      int timepoint = random.nextInt(-5, 70);
      if (!keys.add(id + "\u0000" + instrument + "\u0000" + timepoint)) {
        continue;
      }
      String tp =
          switch (random.nextInt(4)) {
            case 0 -> timepoint >= 0 ? "+" + timepoint : Integer.toString(timepoint);
            case 1 -> timepoint >= 0 ? "00" + timepoint : Integer.toString(timepoint);
            default -> Integer.toString(timepoint);
          };
      String score =
          switch (random.nextInt(6)) {
            case 0 -> null;
            case 1 -> "-0.0";
            case 2 -> "n/a";
            case 3 -> "1e999";
            default -> Double.toString(random.nextInt(100) / 4.0);
          };
      records.add(
          new String[] {
            id,
            instrument,
            tp,
            random.nextBoolean() ? "2021-01-0" + random.nextInt(1, 10) : null,
            score
          });
    }
    return records;
  }

  private static String[] participant(String id, long i) {
    return new String[] {
      id,
      "GP01",
      "2019-02-01",
      Long.toString(20 + i % 50),
      "female",
      null,
      "bipolar",
      i % 3 == 0 ? "07" : "2",
      "2021-02-01",
      null,
      null
    };
  }

  @Test
  void shuffledRecordsGiveTheReadBackPartInOneRunAndThroughTheSpillFile() {
    List<String[]> records = outcomes(3000, 11);
    Seals.Part expected = reference(OUTCOMES, records);
    assertThat(expected.rows()).isEqualTo(3000);
    assertThat(written(OUTCOMES, records, InsertedPart.RUN_BYTES)).isEqualTo(expected);
    assertThat(written(OUTCOMES, records, 4096)).isEqualTo(expected);
    assertThat(written(OUTCOMES, records, 512)).isEqualTo(expected);
  }

  @Test
  void participantsInOrderWithEachOnesRowsInAnotherOrderGiveThePart() {
    // as a generated outcome file: participants in key order, each one's rows by timepoint and
    // then instrument (QPR before BPRS), so sorted blocks overlap where a participant straddles
    // them
    List<String[]> records = new ArrayList<>();
    for (int p = 0; p < 1500; p++) {
      for (int t = 0; t < 3; t++) {
        for (String instrument : List.of("QPR", "BPRS", "SPS")) {
          records.add(
              new String[] {
                String.format("P%06d", p), instrument, Integer.toString(6 * t), null, "1"
              });
        }
      }
    }
    Seals.Part expected = reference(OUTCOMES, records);
    assertThat(written(OUTCOMES, records, InsertedPart.RUN_BYTES)).isEqualTo(expected);
    assertThat(written(OUTCOMES, records, 8192)).isEqualTo(expected);
    Collections.reverse(records);
    assertThat(written(OUTCOMES, records, InsertedPart.RUN_BYTES)).isEqualTo(expected);
  }

  @Test
  void recordsInKeyOrderAreHashedWithoutSpilling() {
    List<String[]> records = outcomes(2000, 12);
    records.sort(databaseOrder(OUTCOMES));
    Seals.Part expected = reference(OUTCOMES, records);
    assertThat(written(OUTCOMES, records, InsertedPart.RUN_BYTES)).isEqualTo(expected);
    assertThat(written(OUTCOMES, records, 2048)).isEqualTo(expected);
  }

  @Test
  void anOrderedStartFollowedByLaterKeysOutOfOrderStillGivesThePart() {
    // P000000..P000999 in order (many runs hashed directly), then P001000..P001499 reversed
    List<String[]> records = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      records.add(participant(String.format("P%06d", i), i));
    }
    for (int i = 1499; i >= 1000; i--) {
      records.add(participant(String.format("P%06d", i), i));
    }
    Seals.Part expected = reference(PARTICIPANTS, records);
    assertThat(written(PARTICIPANTS, records, 1024)).isEqualTo(expected);
    assertThat(written(PARTICIPANTS, records, InsertedPart.RUN_BYTES)).isEqualTo(expected);
  }

  @Test
  void aKeySortingBeforeRecordsAlreadyHashedLeavesThePartToBeReadBack() {
    List<String[]> records = new ArrayList<>();
    for (int i = 1; i < 1000; i++) {
      records.add(participant(String.format("P%06d", i), i));
    }
    records.add(participant("P000000", 0));
    assertThat(written(PARTICIPANTS, records, 1024)).isNull();
    // in one run it is only sorted
    assertThat(written(PARTICIPANTS, records, InsertedPart.RUN_BYTES))
        .isEqualTo(reference(PARTICIPANTS, records));
  }

  @Test
  void noRecordsGiveTheEmptyPart() {
    assertThat(written(OUTCOMES, List.of(), InsertedPart.RUN_BYTES))
        .isEqualTo(new Seals.PartBuilder(Seals.inserted(TrialFile.OUTCOMES)).build());
  }

  @Test
  void parkingBetweenRecordsChangesNothing() {
    List<String[]> records = outcomes(60000, 13);
    Seals.Part expected = reference(OUTCOMES, records);
    InsertedPart part = InsertedPart.of(OUTCOMES, LOAD, InsertedPart.RUN_BYTES);
    RecordHasher hasher = new RecordHasher();
    for (int i = 0; i < records.size(); i++) {
      part.add(records.get(i), hasher.hash(records.get(i)));
      if (i % 20000 == 19999) {
        part.park();
      }
    }
    assertThat(part.finish()).isEqualTo(expected);
  }
}
