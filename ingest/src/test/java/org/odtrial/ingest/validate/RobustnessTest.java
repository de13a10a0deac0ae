package org.odtrial.ingest.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odtrial.ingest.contract.TrialFile;

/**
 * Odd inputs give findings, never an exception, and every finding names its file, rule and a
 * message.
 */
class RobustnessTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\uFEFF",
        "\n",
        "\r\n\r\n",
        "\"",
        "\"episode_id\",participant_id\n\"E1",
        "episode_id,participant_id,setting,start_date\n\u0000,\u0000,\u0000,\u0000\n",
        "episode_id,participant_id,setting,start_date,end_date,detained\r"
            + "E1,P1,inpatient,2020-05-01,2020-05-20,maybe\r",
        "episode_id\n" + "x,y\n,,\n\"a\"\"b\",c\n",
        ";;;\n",
        ",,,,,\n,,,,,\n",
      })
  void oddInputsGiveFindingsNotExceptions(String content) {
    ValidationReport report =
        TrialDir.valid(dir)
            .writeBytes(TrialFile.ADMISSIONS, content.getBytes(StandardCharsets.UTF_8))
            .validate();
    List<Finding> f = report.findings();
    assertThat(f)
        .isNotEmpty()
        .allSatisfy(
            x -> {
              assertThat(x.file()).isEqualTo("admissions.csv");
              assertThat(x.rule()).isNotBlank();
              assertThat(x.message()).isNotBlank().doesNotContain("Exception");
              assertThat(x.line()).isNotNegative();
            });
    assertThat(report.hasErrors()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void loneCarriageReturnsAlsoEndLines(int badLine) {
    String[] rows = {
      "E1,P1,inpatient,2020-05-01,2020-05-20,no", "E2,P1,inpatient,2020-06-01,2020-06-02,no"
    };
    rows[badLine - 1] = rows[badLine - 1].replace(",no", ",maybe");
    String content =
        "episode_id,participant_id,setting,start_date,end_date,detained\r"
            + String.join("\r", rows)
            + "\r";
    List<Finding> f = TrialDir.valid(dir).write(TrialFile.ADMISSIONS, content).findings("code");
    assertThat(f).singleElement().satisfies(x -> assertThat(x.line()).isEqualTo(badLine + 1));
  }
}
