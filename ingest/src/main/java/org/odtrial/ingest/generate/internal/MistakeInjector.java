package org.odtrial.ingest.generate.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.odtrial.ingest.contract.Column;
import org.odtrial.ingest.contract.ColumnType;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.generate.GenerationSummary;
import org.odtrial.ingest.generate.InjectedMistake;
import org.odtrial.ingest.generate.MistakeKind;

/**
 * Puts realistic data-entry mistakes into rows on their way to the files: each row gets one with
 * probability {@code rate}. It has its own random stream, so a dirty trial is the clean trial of
 * the same seed plus its mistakes. So that every dirty trial shows every kind, a kind not yet made
 * is preferred, and a kind only one file can carry is forced into that file's first rows.
 */
public final class MistakeInjector implements RowSink {
  private static final long INJECTION_SALT = 3;
  private static final String[] MISSING_CODES = {"NA", "-99", "N/A", "-999"};
  private static final String[] AGES_OUT_OF_RANGE = {"0", "9", "14", "15", "111", "130", "402"};

  private final CountingSink out;
  private final double rate;
  private final long participants;
  private final Rng rng;
  private final EnumMap<MistakeKind, Long> counts = new EnumMap<>(MistakeKind.class);
  private final EnumSet<MistakeKind> unseen = EnumSet.allOf(MistakeKind.class);
  private final List<InjectedMistake> listed = new ArrayList<>();

  /**
   * Per file: kinds only that file can carry that have not been made yet (checked on every row, so
   * kept counted).
   */
  private final int[] pendingOnlyIn = new int[TrialFile.values().length];

  public MistakeInjector(CountingSink out, double rate, long seed, long participants) {
    this.out = out;
    this.rate = rate;
    this.participants = participants;
    this.rng = Rng.forPart(seed, -1, INJECTION_SALT);
    for (MistakeKind kind : MistakeKind.values()) {
      counts.put(kind, 0L);
      for (TrialFile file : TrialFile.values()) {
        if (kind.onlyIn(file)) {
          pendingOnlyIn[file.ordinal()]++;
        }
      }
    }
  }

  @Override
  public void row(TrialFile file, String[] cells) {
    boolean forced = pendingOnlyIn[file.ordinal()] > 0;
    if (!forced && !rng.chance(rate)) {
      out.row(file, cells);
      return;
    }
    MistakeKind kind = choose(file);
    String column = apply(kind, file, cells);
    out.row(file, cells);
    if (kind == MistakeKind.DUPLICATE_ID) {
      out.row(file, cells.clone()); // the same record entered twice: the copy is the mistake
    }
    record(kind, file, out.rows(file) + 1, column);
  }

  private MistakeKind choose(TrialFile file) {
    for (MistakeKind kind : unseen) {
      if (kind.onlyIn(file)) {
        return kind;
      }
    }
    for (MistakeKind kind : unseen) {
      if (kind.appliesTo(file)) {
        return kind;
      }
    }
    List<MistakeKind> applicable = new ArrayList<>();
    for (MistakeKind kind : MistakeKind.values()) {
      if (kind.appliesTo(file)) {
        applicable.add(kind);
      }
    }
    return applicable.get(rng.below(applicable.size()));
  }

  /** Changes the cells in place; returns the column changed (null for a duplicated row). */
  private String apply(MistakeKind kind, TrialFile file, String[] cells) {
    switch (kind) {
      case DATE_SLASHES:
        {
          int i = pick(file, cells, ColumnType.DATE);
          cells[i] = Dates.slashes(Dates.parseIso(cells[i]));
          return name(file, i);
        }
      case DATE_EXCEL_SERIAL:
        {
          int i = pick(file, cells, ColumnType.DATE);
          cells[i] = Dates.excelSerial(Dates.parseIso(cells[i]));
          return name(file, i);
        }
      case MISSING_CODE:
        {
          int i = pickTyped(file, cells);
          cells[i] = MISSING_CODES[rng.below(MISSING_CODES.length)];
          return name(file, i);
        }
      case CODE_CASE:
        {
          int i = pick(file, cells, ColumnType.CODE);
          cells[i] = nearMiss(cells[i]);
          return name(file, i);
        }
      case AGE_OUT_OF_RANGE:
        return set(file, cells, "age", AGES_OUT_OF_RANGE[rng.below(AGES_OUT_OF_RANGE.length)]);
      case DUPLICATE_ID:
        return null;
      case ORPHAN_PARTICIPANT:
        {
          // a number past the last participant: a well-formed id that is not in participants.csv
          long n = participants + 1 + rng.below(1000);
          int width = cells[file.indexOf("participant_id")].length() - 1;
          return set(file, cells, "participant_id", "P" + TrialDesign.pad(n, width));
        }
      case FOLLOWUP_BEFORE_BASELINE:
        {
          int baseline = Dates.parseIso(cells[file.indexOf("baseline_date")]);
          return set(file, cells, "followup_end", Dates.iso(baseline - rng.between(1, 365)));
        }
      case NHS_NUMBER_IN_TEXT:
        return set(file, cells, "stratum", syntheticNhsNumber());
      case EMAIL_IN_TEXT:
        return set(file, cells, "stratum", "data.manager" + rng.between(1, 99) + "@example.org");
      default:
        throw new IllegalStateException("unhandled mistake kind " + kind);
    }
  }

  /**
   * A 10-digit number with a valid NHS modulus-11 check digit, in the 999 range that is never
   * issued to a patient, written with spaces half the time (as people type it).
   */
  String syntheticNhsNumber() {
    while (true) {
      int[] d = new int[10];
      d[0] = 9;
      d[1] = 9;
      d[2] = 9;
      for (int i = 3; i < 9; i++) {
        d[i] = rng.below(10);
      }
      int sum = 0;
      for (int i = 0; i < 9; i++) {
        sum += d[i] * (10 - i);
      }
      int check = 11 - sum % 11;
      if (check == 10) {
        continue; // no valid number with these nine digits
      }
      d[9] = check == 11 ? 0 : check;
      StringBuilder b = new StringBuilder(12);
      boolean spaced = rng.chance(0.5);
      for (int i = 0; i < 10; i++) {
        if (spaced && (i == 3 || i == 6)) {
          b.append(' ');
        }
        b.append(d[i]);
      }
      return b.toString();
    }
  }

  /**
   * {@code female -> Female}, {@code OD -> " OD"}, {@code QPR -> qpr}: the near misses people type.
   */
  private String nearMiss(String code) {
    if (rng.chance(0.3)) {
      return " " + code;
    }
    char first = code.charAt(0);
    if (Character.isLowerCase(first)) {
      return Character.toUpperCase(first) + code.substring(1);
    }
    String lower = code.toLowerCase(Locale.ROOT);
    return lower.equals(code) ? " " + code : lower;
  }

  private int pick(TrialFile file, String[] cells, ColumnType type) {
    List<Column> columns = file.columns();
    int[] candidates = new int[columns.size()];
    int n = 0;
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).type() == type && cells[i] != null) {
        candidates[n++] = i;
      }
    }
    return candidates[rng.below(n)];
  }

  /**
   * A filled typed cell that is not an id (an id typed as NA would only orphan the rest of the
   * record).
   */
  private int pickTyped(TrialFile file, String[] cells) {
    List<Column> columns = file.columns();
    int[] candidates = new int[columns.size()];
    int n = 0;
    for (int i = 0; i < columns.size(); i++) {
      ColumnType type = columns.get(i).type();
      if (type != ColumnType.ID && type != ColumnType.TEXT && cells[i] != null) {
        candidates[n++] = i;
      }
    }
    return candidates[rng.below(n)];
  }

  private static String set(TrialFile file, String[] cells, String column, String value) {
    cells[file.indexOf(column)] = value;
    return column;
  }

  private static String name(TrialFile file, int index) {
    return file.columns().get(index).name();
  }

  private void record(MistakeKind kind, TrialFile file, long line, String column) {
    counts.merge(kind, 1L, Long::sum);
    if (unseen.remove(kind) && kind.onlyIn(file)) {
      pendingOnlyIn[file.ordinal()]--;
    }
    if (listed.size() < GenerationSummary.MAX_LISTED) {
      listed.add(new InjectedMistake(kind, file, line, column));
    }
  }

  public Map<MistakeKind, Long> counts() {
    return counts;
  }

  public List<InjectedMistake> listed() {
    return listed;
  }
}
