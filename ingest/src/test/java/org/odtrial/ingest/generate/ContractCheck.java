package org.odtrial.ingest.generate;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.odtrial.ingest.contract.Column;
import org.odtrial.ingest.contract.ColumnType;
import org.odtrial.ingest.contract.Instrument;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.validate.Severity;

/**
 * A small, independent reading of the data contract's rules, for testing generated uploads (the
 * project's validator is separate). Reads everything into memory: for test-sized trials only.
 * Assumes no cell spans lines, which the generator guarantees, so a record's line is its position +
 * 1.
 */
final class ContractCheck {
  record Issue(Severity severity, TrialFile file, long line, String column, String rule) {}

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
  private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern INTEGER = Pattern.compile("-?\\d+");
  private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?");
  private static final Set<String> MISSING_CODES = Set.of("NA", "N/A", ".", "-99", "-999", "NULL");
  private static final Pattern POSTCODE =
      Pattern.compile("(?i)\\s*[A-Z]{1,2}[0-9][A-Z0-9]?\\s*[0-9][A-Z]{2}\\s*");
  private static final Pattern EMAIL =
      Pattern.compile(".*[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}.*");
  private static final Pattern UK_PHONE =
      Pattern.compile("\\s*(\\+44\\s?|0)[1-9](\\s?\\d){8,9}\\s*");

  private final List<Issue> issues = new ArrayList<>();

  /** Per participant: what other files are checked against. */
  private record Person(
      int line,
      LocalDate baseline,
      LocalDate end,
      LocalDate withdrawn,
      LocalDate died,
      boolean od) {}

  private record Episode(long line, LocalDate start, LocalDate end) {}

  static List<Issue> check(Path dir) throws IOException {
    ContractCheck c = new ContractCheck();
    c.run(dir);
    return c.issues;
  }

  private void run(Path dir) throws IOException {
    Map<String, String[]> clusters = new HashMap<>();
    for (Row r : read(dir, TrialFile.CLUSTERS)) {
      if (clusters.putIfAbsent(r.get("cluster_id"), r.cells) != null) {
        error(r, "cluster_id", "unique");
      }
    }
    Map<String, Person> people = new HashMap<>();
    for (Row r : read(dir, TrialFile.PARTICIPANTS)) {
      String[] cluster = clusters.get(r.get("cluster_id"));
      if (cluster == null) {
        error(r, "cluster_id", "reference");
      }
      LocalDate baseline = r.date("baseline_date");
      LocalDate end = r.date("followup_end");
      LocalDate withdrawn = r.date("withdrawn_on");
      LocalDate died = r.date("died_on");
      LocalDate randomised =
          cluster == null ? null : parseDate(cluster[TrialFile.CLUSTERS.indexOf("randomised_on")]);
      if (baseline != null && randomised != null && baseline.isBefore(randomised)) {
        error(r, "baseline_date", "after-randomisation");
      }
      if (baseline != null && end != null && end.isBefore(baseline)) {
        error(r, "followup_end", "order");
      }
      if (withdrawn != null
          && (baseline != null && withdrawn.isBefore(baseline)
              || end != null && withdrawn.isAfter(end))) {
        error(r, "withdrawn_on", "order");
      }
      if (died != null) {
        if (baseline != null && died.isBefore(baseline) || end != null && died.isAfter(end)) {
          error(r, "died_on", "order");
        }
        if (end != null && !end.equals(died)) {
          error(r, "followup_end", "death-ends-followup");
        }
      }
      boolean od = cluster != null && "OD".equals(cluster[TrialFile.CLUSTERS.indexOf("arm")]);
      Person p = new Person((int) r.line, baseline, end, withdrawn, died, od);
      if (people.putIfAbsent(r.get("participant_id"), p) != null) {
        error(r, "participant_id", "unique");
      }
    }

    Set<String> keys = new HashSet<>();
    Map<String, List<Episode>> inpatient = new HashMap<>();
    Map<String, List<Episode>> crisis = new HashMap<>();
    for (Row r : read(dir, TrialFile.ADMISSIONS)) {
      unique(keys, r, "episode_id", r.get("episode_id"));
      Person p = person(people, r);
      LocalDate start = r.date("start_date");
      LocalDate end = r.date("end_date");
      if (p != null && start != null && p.end != null && start.isAfter(p.end)) {
        error(r, "start_date", "after-followup");
      }
      if (start != null && end != null && end.isBefore(start)) {
        error(r, "end_date", "order");
      }
      if (start != null) {
        Map<String, List<Episode>> bySetting =
            "inpatient".equals(r.get("setting")) ? inpatient : crisis;
        bySetting
            .computeIfAbsent(r.get("participant_id"), k -> new ArrayList<>())
            .add(new Episode(r.line, start, end));
      }
    }
    overlaps(inpatient);
    overlaps(crisis);

    keys.clear();
    for (Row r : read(dir, TrialFile.OUTCOMES)) {
      unique(
          keys,
          r,
          "participant_id",
          r.get("participant_id") + "|" + r.get("instrument") + "|" + r.get("timepoint"));
      Person p = person(people, r);
      LocalDate on = r.date("assessed_on");
      String score = r.get("score");
      Instrument instrument = instrument(r.get("instrument"));
      if (instrument != null && score != null && DECIMAL.matcher(score).matches()) {
        double v = Double.parseDouble(score);
        if (v < instrument.min() || v > instrument.max()) {
          error(r, "score", "range");
        }
      }
      if (p == null || on == null || p.baseline == null) {
        continue;
      }
      if (p.end != null && on.isAfter(p.end) || p.died != null && on.isAfter(p.died)) {
        error(r, "assessed_on", "after-followup");
      }
      if (p.withdrawn != null && on.isAfter(p.withdrawn)) {
        warning(r, "assessed_on", "after-withdrawal");
      }
      String tp = r.get("timepoint");
      if (tp != null && INTEGER.matcher(tp).matches()) {
        int month = Integer.parseInt(tp);
        long target = p.baseline.toEpochDay() + Math.round(month * 30.4375);
        long tolerance = month == 0 ? 30 : 90;
        if (Math.abs(on.toEpochDay() - target) > tolerance) {
          warning(r, "assessed_on", "visit-window");
        }
      }
    }

    keys.clear();
    for (Row r : read(dir, TrialFile.NETWORK_MEETINGS)) {
      unique(keys, r, "meeting_id", r.get("meeting_id"));
      Person p = person(people, r);
      LocalDate on = r.date("meeting_date");
      if (p != null
          && on != null
          && p.baseline != null
          && p.end != null
          && (on.isBefore(p.baseline.minusDays(30)) || on.isAfter(p.end))) {
        error(r, "meeting_date", "meeting-window");
      }
      String practitioners = r.get("practitioners");
      if (p != null
          && p.od
          && practitioners != null
          && INTEGER.matcher(practitioners).matches()
          && Integer.parseInt(practitioners) < 2) {
        warning(r, "practitioners", "od-fidelity");
      }
    }
  }

  private void overlaps(Map<String, List<Episode>> episodes) {
    for (List<Episode> list : episodes.values()) {
      list.sort(Comparator.comparing(Episode::start).thenComparing(Episode::line));
      for (int i = 1; i < list.size(); i++) {
        Episode before = list.get(i - 1);
        Episode after = list.get(i);
        if (before.end == null || !after.start.isAfter(before.end)) {
          issues.add(
              new Issue(
                  Severity.WARNING, TrialFile.ADMISSIONS, after.line, "start_date", "overlap"));
        }
      }
    }
  }

  private Person person(Map<String, Person> people, Row r) {
    Person p = people.get(r.get("participant_id"));
    if (p == null && r.get("participant_id") != null) {
      error(r, "participant_id", "reference");
    }
    return p;
  }

  private void unique(Set<String> keys, Row r, String column, String key) {
    if (!keys.add(key)) {
      error(r, column, "unique");
    }
  }

  private static Instrument instrument(String code) {
    for (Instrument i : Instrument.values()) {
      if (i.name().equals(code)) {
        return i;
      }
    }
    return null;
  }

  /**
   * One record with its cell-level rules already checked; typed getters return null for a bad or
   * empty cell.
   */
  private final class Row {
    final TrialFile file;
    final long line;
    final String[] cells;
    final boolean[] valid;

    Row(TrialFile file, long line, String[] cells) {
      this.file = file;
      this.line = line;
      this.cells = cells;
      this.valid = new boolean[cells.length];
      for (int i = 0; i < cells.length; i++) {
        valid[i] = cell(file.columns().get(i), cells[i]);
      }
    }

    String get(String column) {
      int i = file.indexOf(column);
      return valid[i] ? cells[i] : null;
    }

    LocalDate date(String column) {
      String v = get(column);
      return v == null ? null : parseDate(v);
    }

    private boolean cell(Column column, String value) {
      if (value.isEmpty()) {
        if (column.required()) {
          error(this, column.name(), "required");
        }
        return false;
      }
      if (looksLikeIdentifier(value)) {
        error(this, column.name(), "direct-identifier");
        return false;
      }
      if (column.type() != ColumnType.TEXT && MISSING_CODES.contains(value.trim())) {
        error(this, column.name(), "missing-code");
        return false;
      }
      boolean ok =
          switch (column.type()) {
            case ID -> ID.matcher(value).matches();
            case CODE -> column.codes().contains(value);
            case DATE -> ISO_DATE.matcher(value).matches() && parseDate(value) != null;
            case INTEGER ->
                INTEGER.matcher(value).matches() && inRange(column, Long.parseLong(value));
            case DECIMAL -> DECIMAL.matcher(value).matches();
            case TEXT -> value.length() >= column.min() && value.length() <= column.max();
          };
      if (!ok) {
        error(this, column.name(), column.type().name().toLowerCase(java.util.Locale.ROOT));
      }
      return ok;
    }
  }

  private static boolean inRange(Column column, long v) {
    return (column.min() == null || v >= column.min())
        && (column.max() == null || v <= column.max());
  }

  /**
   * NHS number (10 digits, modulus 11, spaces allowed), UK postcode, e-mail address or UK phone
   * number.
   */
  static boolean looksLikeIdentifier(String value) {
    String digits = value.replace(" ", "");
    if (digits.length() == 10
        && digits.chars().allMatch(Character::isDigit)
        && nhsCheckDigitValid(digits)) {
      return true;
    }
    return POSTCODE.matcher(value).matches()
        || EMAIL.matcher(value).matches()
        || UK_PHONE.matcher(value).matches();
  }

  static boolean nhsCheckDigitValid(String tenDigits) {
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += (tenDigits.charAt(i) - '0') * (10 - i);
    }
    int check = 11 - sum % 11;
    if (check == 11) {
      check = 0;
    }
    return check != 10 && check == tenDigits.charAt(9) - '0';
  }

  private static LocalDate parseDate(String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private List<Row> read(Path dir, TrialFile file) throws IOException {
    List<Row> rows = new ArrayList<>();
    try (Reader in = Files.newBufferedReader(dir.resolve(file.fileName()), StandardCharsets.UTF_8);
        CSVParser parser = CSVFormat.RFC4180.parse(in)) {
      long line = 0;
      for (CSVRecord record : parser) {
        line++;
        String[] cells = record.values();
        if (line == 1) {
          List<String> expected = file.columns().stream().map(Column::name).toList();
          if (!List.of(cells).equals(expected)) {
            issues.add(new Issue(Severity.ERROR, file, 1, null, "header"));
          }
          continue;
        }
        if (cells.length != file.columns().size()) {
          issues.add(new Issue(Severity.ERROR, file, line, null, "width"));
          continue;
        }
        rows.add(new Row(file, line, cells));
      }
    }
    return rows;
  }

  private void error(Row r, String column, String rule) {
    issues.add(new Issue(Severity.ERROR, r.file, r.line, column, rule));
  }

  private void warning(Row r, String column, String rule) {
    issues.add(new Issue(Severity.WARNING, r.file, r.line, column, rule));
  }
}
