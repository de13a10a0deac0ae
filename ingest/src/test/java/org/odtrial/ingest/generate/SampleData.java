package org.odtrial.ingest.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.odtrial.ingest.contract.TrialFile;

/**
 * Writes the repository's sample-data/ folder: a clean trial, the same trial with mistakes in
 * dirty/, the clean trial's next upload in next/ (a few corrections and one new problem, for the
 * query cycle), and a README that lists every mistake and edit. {@link SampleDataTest} regenerates
 * it and compares bytes, so it cannot drift. Run: {@code java -cp
 * target/classes:target/test-classes org.odtrial.ingest.generate.SampleData ../sample-data}.
 */
public final class SampleData {
  static final GeneratorOptions CLEAN = GeneratorOptions.of(30, 600, 20261124L);
  static final GeneratorOptions DIRTY = CLEAN.withDirtyRate(0.01);

  /**
   * One change of next/ against the clean upload.
   *
   * @param file the file
   * @param id the record's first key value
   * @param column the column changed
   * @param value its new value
   * @param why what it stands for
   */
  record Edit(TrialFile file, String id, String column, String value, String why) {}

  /** The next upload: what the sites changed in the week after the clean upload was stored. */
  static final List<Edit> NEXT =
      List.of(
          new Edit(
              TrialFile.PARTICIPANTS,
              "P001",
              "prior_admissions",
              "2",
              "site T01 corrects a value no query asked about"),
          new Edit(
              TrialFile.NETWORK_MEETINGS,
              "M027-3",
              "practitioners",
              "2",
              "site T01 corrects a meeting it was queried about (too-few-practitioners)"),
          new Edit(
              TrialFile.NETWORK_MEETINGS,
              "M027-4",
              "practitioners",
              "1",
              "site T01 makes a new mistake: a new too-few-practitioners query"),
          new Edit(
              TrialFile.NETWORK_MEETINGS,
              "M124-5",
              "practitioners",
              "2",
              "site T02 corrects a meeting it was queried about (too-few-practitioners)"));

  private SampleData() {}

  public static void main(String[] args) throws IOException {
    write(Path.of(args.length > 0 ? args[0] : "sample-data"));
  }

  /** Writes everything under {@code root}; returns the dirty trial's summary. */
  static GenerationSummary write(Path root) throws IOException {
    GenerationSummary clean = TrialGenerator.of(CLEAN).writeTo(root);
    GenerationSummary dirty = TrialGenerator.of(DIRTY).writeTo(root.resolve("dirty"));
    writeNext(root, root.resolve("next"));
    Files.writeString(root.resolve("README.md"), readme(clean, dirty), StandardCharsets.UTF_8);
    return dirty;
  }

  /** Copies the clean upload into {@code next} with the {@link #NEXT} edits. */
  static void writeNext(Path clean, Path next) throws IOException {
    Files.createDirectories(next);
    for (TrialFile file : TrialFile.values()) {
      List<String> lines =
          new java.util.ArrayList<>(Files.readAllLines(clean.resolve(file.fileName())));
      for (Edit e : NEXT) {
        if (e.file() != file) {
          continue;
        }
        int column = file.indexOf(e.column());
        boolean found = false;
        for (int i = 1; i < lines.size(); i++) {
          if (lines.get(i).startsWith(e.id() + ",")) {
            String[] cells = lines.get(i).split(",", -1);
            cells[column] = e.value();
            lines.set(i, String.join(",", cells));
            found = true;
          }
        }
        if (!found) {
          throw new IllegalStateException(e.id() + " is not in " + file.fileName());
        }
      }
      Files.writeString(
          next.resolve(file.fileName()), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }
  }

  static String readme(GenerationSummary clean, GenerationSummary dirty) {
    StringBuilder b = new StringBuilder();
    b.append("# Sample data\n\n")
        .append("Synthetic ODDESSI-style trials written by odtrial's generator")
        .append(" (`org.odtrial.ingest.generate.TrialGenerator`). No real person is in them.\n")
        .append("This file and the CSVs are written by `SampleData` (ingest test sources);")
        .append(" `SampleDataTest` regenerates them and fails if a byte differs.\n\n")
        .append("Regenerate (from `ingest/`, after `mvn -pl ingest -am test-compile`):\n\n")
        .append(
            "```\n"
                + "java -cp target/classes:target/test-classes"
                + " org.odtrial.ingest.generate.SampleData ../sample-data\n")
        .append("```\n\n")
        .append("## `sample-data/`: a clean upload\n\n")
        .append(code(CLEAN))
        .append("\n\n")
        .append("Valid under data contract v1: no errors. Expect a few warnings, as in real data:")
        .append(
            " OD meetings with a single practitioner, the odd overlapping episode and visits"
                + " outside their window.")
        .append(" The true effects are in `docs/generator.md`.\n\n")
        .append(counts(clean))
        .append("\n## `sample-data/next/`: the clean trial's next upload\n\n")
        .append(
            "The clean upload as the sites send it a week later, to try the query cycle (`odtrial"
                + " queries`, `odtrial diff`): the same files with these changes.\n\n")
        .append(
            "| file | record | column | new value | what it stands for |\n|---|---|---|---|---|\n");
    for (Edit e : NEXT) {
      b.append("| `")
          .append(e.file().fileName())
          .append("` | ")
          .append(e.id())
          .append(" | `")
          .append(e.column())
          .append("` | ")
          .append(e.value())
          .append(" | ")
          .append(e.why())
          .append(" |\n");
    }
    b.append("\n## `sample-data/dirty/`: the same trial with data-entry mistakes\n\n")
        .append(code(DIRTY))
        .append("\n\n")
        .append(
            "The same seed: the rows are those of the clean trial, with one mistake in about 1% of"
                + " rows")
        .append(
            " (a duplicated row is written twice). Each kind that only one file can hold is forced"
                + " into that")
        .append(
            " file's first rows, so every kind occurs. Each mistake below is an error under the"
                + " contract;")
        .append(
            " a mistake can cause further findings (a mistyped date also breaks the date-order"
                + " rules of its row,")
        .append(" an early follow-up end puts later episodes and visits after it).\n\n")
        .append(counts(dirty))
        .append("\n| kind | count |\n|---|---|\n");
    dirty
        .mistakes()
        .forEach((kind, n) -> b.append("| ").append(kind).append(" | ").append(n).append(" |\n"));
    b.append("\nEvery mistake, by kind (line numbers count the header as line 1;")
        .append(" for a duplicate the line is the second copy):\n");
    for (MistakeKind kind : MistakeKind.values()) {
      b.append("\n### ").append(kind).append("\n\n").append(describe(kind)).append("\n\n");
      List<InjectedMistake> of =
          dirty.injected().stream()
              .filter(m -> m.kind() == kind)
              .sorted(
                  Comparator.comparing(InjectedMistake::file)
                      .thenComparingLong(InjectedMistake::line))
              .toList();
      for (InjectedMistake m : of) {
        b.append("- `dirty/").append(m.file().fileName()).append("` line ").append(m.line());
        if (m.column() != null) {
          b.append(", column `").append(m.column()).append('`');
        }
        b.append('\n');
      }
    }
    return b.toString();
  }

  private static String code(GeneratorOptions o) {
    return String.format(
        Locale.ROOT,
        "`new GeneratorOptions(clusters = %d, participants = %d, seed = %d, dirtyRate = %s)`",
        o.clusters(),
        o.participants(),
        o.seed(),
        o.dirtyRate());
  }

  private static String counts(GenerationSummary s) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "%d sites, %d clusters, %d participants. Rows:%n%n",
            s.sites(),
            s.clusters(),
            s.participants()));
    b.append("| file | rows |\n|---|---|\n");
    for (TrialFile file : TrialFile.values()) {
      b.append("| `").append(file.fileName()).append("` | ").append(s.rows(file)).append(" |\n");
    }
    return b.toString();
  }

  private static String describe(MistakeKind kind) {
    return switch (kind) {
      case DATE_SLASHES -> "A date typed day-first with slashes (`03/04/2021`).";
      case DATE_EXCEL_SERIAL -> "A date pasted from a spreadsheet as its serial number (`44289`).";
      case MISSING_CODE -> "A missing-data code (`NA`, `N/A`, `-99`, `-999`) in a typed cell.";
      case CODE_CASE -> "A code with the wrong case or a leading space (`Female`, ` OD`, `qpr`).";
      case AGE_OUT_OF_RANGE -> "An age outside 16-110.";
      case DUPLICATE_ID -> "A row entered twice, so its id (key) is duplicated.";
      case ORPHAN_PARTICIPANT -> "A participant_id that is not in participants.csv.";
      case FOLLOWUP_BEFORE_BASELINE -> "followup_end before baseline_date.";
      case NHS_NUMBER_IN_TEXT ->
          "An NHS-number-like value in `stratum`: 10 digits with a valid modulus-11 check digit, in"
              + " the 999 range never issued to patients (synthetic).";
      case EMAIL_IN_TEXT -> "A made-up e-mail address (`@example.org`) in `stratum`.";
    };
  }
}
