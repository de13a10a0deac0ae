package org.odtrial.ingest.output;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CsvCellsTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "=1+1",
        "+1+1",
        "-P001",
        "-1+1",
        "-2-",
        "@SUM(A1)",
        "\t=1",
        "\r=1",
        "=HYPERLINK(\"http://x\")",
        "-",
        "-.5",
        "-1.",
        "-1e",
        "-1e+",
        "--1"
      })
  void aCellASpreadsheetWouldRunGetsAQuote(String cell) {
    assertThat(CsvCells.text(cell)).isEqualTo("'" + cell);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-12", "-0.5", "-1.5e-3", "-2E+10", "-0", "P001", "GP-0417", "a=b", ""})
  void numbersAndOrdinaryTextStayAsTheyAre(String cell) {
    assertThat(CsvCells.text(cell)).isEqualTo(cell);
  }

  @ParameterizedTest
  @CsvSource({"'12',false", "'+12',true", "'-12',true", "'=',true", "'@',true", "'a',false"})
  void startsLikeFormula(String cell, boolean formula) {
    assertThat(CsvCells.startsLikeFormula(cell.charAt(0))).isEqualTo(formula);
  }

  @org.junit.jupiter.api.Test
  void nullStaysNull() {
    assertThat(CsvCells.text(null)).isNull();
  }
}
