package org.odtrial.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.validate.Severity;

/**
 * A dirty trial carries each kind of mistake, at about the asked rate, exactly where the summary
 * says.
 */
class MistakeInjectionTest {
  private static final double RATE = 0.01;

  @TempDir static Path clean;
  @TempDir static Path dirty;
  static GenerationSummary cleanSummary;
  static GenerationSummary dirtySummary;
  static List<ContractCheck.Issue> issues;

  @BeforeAll
  static void generate() throws IOException {
    GeneratorOptions options = GeneratorOptions.of(30, 2000, 99);
    cleanSummary = TrialGenerator.of(options).writeTo(clean);
    dirtySummary = TrialGenerator.of(options.withDirtyRate(RATE)).writeTo(dirty);
    issues = ContractCheck.check(dirty);
  }

  @Test
  void everyKindIsPresentAndCountsAddUp() {
    assertThat(dirtySummary.mistakes()).containsOnlyKeys(MistakeKind.values());
    assertThat(dirtySummary.mistakes().values()).allSatisfy(n -> assertThat(n).isPositive());
    assertThat(dirtySummary.injected()).hasSize((int) dirtySummary.totalMistakes());
    for (MistakeKind kind : MistakeKind.values()) {
      assertThat(dirtySummary.injected().stream().filter(m -> m.kind() == kind).count())
          .isEqualTo(dirtySummary.mistakes().get(kind));
    }
  }

  @Test
  void rateIsAboutTheAskedRatePerRow() {
    long rows = cleanSummary.rows().values().stream().mapToLong(Long::longValue).sum();
    double expected = RATE * rows;
    // binomial: 4 SDs either side, plus the handful of mistakes forced so that every kind shows
    double sd = Math.sqrt(rows * RATE * (1 - RATE));
    assertThat((double) dirtySummary.totalMistakes())
        .isBetween(expected - 4 * sd, expected + 4 * sd + 4);
  }

  @Test
  void onlyDuplicatesAddRows() {
    for (TrialFile file : TrialFile.values()) {
      long duplicates =
          dirtySummary.injected().stream()
              .filter(m -> m.file() == file && m.kind() == MistakeKind.DUPLICATE_ID)
              .count();
      assertThat(dirtySummary.rows(file)).isEqualTo(cleanSummary.rows(file) + duplicates);
    }
  }

  @Test
  void kindsOnlyOccurInFilesThatCanCarryThem() {
    assertThat(dirtySummary.injected())
        .allSatisfy(m -> assertThat(m.kind().appliesTo(m.file())).isTrue());
  }

  @Test
  void everyMistakeIsAnErrorOnItsLine() {
    Set<String> errorLines =
        issues.stream()
            .filter(i -> i.severity() == Severity.ERROR)
            .map(i -> i.file() + ":" + i.line())
            .collect(Collectors.toSet());
    assertThat(dirtySummary.injected())
        .allSatisfy(
            m -> assertThat(errorLines).as(m.toString()).contains(m.file() + ":" + m.line()));
  }

  @Test
  void theMistakenCellReallyChanged() throws IOException {
    for (InjectedMistake m : dirtySummary.injected()) {
      if (m.kind() == MistakeKind.DUPLICATE_ID) {
        List<String> lines =
            Files.readAllLines(dirty.resolve(m.file().fileName()), StandardCharsets.UTF_8);
        assertThat(lines.get((int) m.line() - 1)).isEqualTo(lines.get((int) m.line() - 2));
        continue;
      }
      String value = cell(dirty, m.file(), m.line(), m.column());
      switch (m.kind()) {
        case DATE_SLASHES -> assertThat(value).matches("\\d{2}/\\d{2}/\\d{4}");
        case DATE_EXCEL_SERIAL -> assertThat(value).matches("4\\d{4}");
        case MISSING_CODE -> assertThat(value).isIn("NA", "N/A", "-99", "-999");
        case CODE_CASE -> {
          List<String> codes = m.file().column(m.column()).orElseThrow().codes();
          assertThat(codes).doesNotContain(value);
          assertThat(codes).anyMatch(code -> code.equalsIgnoreCase(value.trim()));
        }
        case AGE_OUT_OF_RANGE ->
            assertThat(Integer.parseInt(value)).matches(age -> age < 16 || age > 110);
        case ORPHAN_PARTICIPANT -> assertThat(value).matches("P\\d+");
        case NHS_NUMBER_IN_TEXT -> {
          assertThat(value).startsWith("999");
          assertThat(ContractCheck.nhsCheckDigitValid(value.replace(" ", ""))).isTrue();
        }
        case EMAIL_IN_TEXT -> assertThat(value).endsWith("@example.org");
        case FOLLOWUP_BEFORE_BASELINE ->
            assertThat(value).isLessThan(cell(dirty, m.file(), m.line(), "baseline_date"));
        default -> throw new AssertionError(m);
      }
    }
  }

  @Test
  void aCleanTrialHasNoMistakesAndTheSameRowsWithoutThem() throws IOException {
    assertThat(cleanSummary.totalMistakes()).isZero();
    // the dirty trial is the clean trial plus mistakes: the first non-forced lines of outcomes
    // agree
    List<String> a = Files.readAllLines(clean.resolve("outcomes.csv"), StandardCharsets.UTF_8);
    List<String> b = Files.readAllLines(dirty.resolve("outcomes.csv"), StandardCharsets.UTF_8);
    long firstMistake =
        dirtySummary.injected().stream()
            .filter(m -> m.file() == TrialFile.OUTCOMES)
            .mapToLong(InjectedMistake::line)
            .min()
            .orElse(a.size());
    assertThat(b.subList(0, (int) firstMistake - 1))
        .isEqualTo(a.subList(0, (int) firstMistake - 1));
  }

  private static String cell(Path dir, TrialFile file, long line, String column)
      throws IOException {
    List<String> lines = Files.readAllLines(dir.resolve(file.fileName()), StandardCharsets.UTF_8);
    return lines.get((int) line - 1).split(",", -1)[file.indexOf(column)];
  }
}
