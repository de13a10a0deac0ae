package org.odtrial.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odtrial.analysis.results.Results;
import org.odtrial.analysis.results.ResultsJson;

/**
 * A report of results read back from their results.json ({@code odtrial report --results}) is the
 * report of the results themselves: the example trial's rows (versions 1 and 2, R's values),
 * unblinded and under both blinded labellings, give the same bytes in every file.
 */
class ReportOfReadResultsTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"", "Arm A", "Arm B"})
  void theReportOfTheReadResultsIsTheSameFileForFile(String odLabel) throws Exception {
    Blinding blinding = odLabel.isEmpty() ? Blinding.none() : Blinding.of(odLabel);
    ReportInput input = ExampleReport.input(blinding);
    String json = ResultsJson.toJson(input.results());
    Results back = ResultsJson.read(json, "example results.json");
    assertThat(ResultsJson.toJson(back)).isEqualTo(json);
    ReportInput again =
        new ReportInput(
            back,
            input.data(),
            input.plan(),
            input.km(),
            input.cif(),
            input.provenance(),
            input.blinding());
    List<Path> want = ReportWriter.of(input).writeTo(tmp.resolve("computed"));
    List<Path> got = ReportWriter.of(again).writeTo(tmp.resolve("read"));
    Map<String, String> hashes = ReportWriterTest.hashes(want);
    assertThat(hashes).containsKeys("report.html", "report.docx", "report.tex", "report.md");
    assertThat(ReportWriterTest.hashes(got)).isEqualTo(hashes);
  }
}
