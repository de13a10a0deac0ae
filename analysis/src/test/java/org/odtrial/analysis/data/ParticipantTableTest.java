package org.odtrial.analysis.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;
import org.odtrial.analysis.results.ShortestDouble;
import org.odtrial.ingest.output.CsvCells;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

class ParticipantTableTest {
  private static final AnalysisData DATA = Derivation.of(730).derive(ExampleTrialSource.upload());

  @Test
  void oneTypedRowPerParticipantThatTablesawCanSummarise() {
    Table t = ParticipantTable.of(DATA);
    assertThat(t.rowCount()).isEqualTo(280);
    assertThat(t.intColumn("relapse_days").sum())
        .isEqualTo(DATA.participants().stream().mapToInt(Participant::relapseDays).sum());
    Table od = t.where(t.stringColumn("arm").isEqualTo("OD"));
    assertThat(od.rowCount()).isEqualTo(132);
    assertThat(t.booleanColumn("relapse").countTrue())
        .isEqualTo(154); // R's events in expected-results.json
  }

  @Test
  void derivedCsvStartsWithTheColumnsOfRsDerivedCsvAndTheSameValues() throws Exception {
    StringWriter w = new StringWriter();
    DerivedCsv.write(DATA, w);
    List<String> ours = w.toString().lines().toList();
    List<String> rs =
        Files.readAllLines(
            Path.of(getClass().getResource("/example-trial/derived.csv").toURI()),
            StandardCharsets.UTF_8);
    assertThat(ours).hasSameSizeAs(rs);
    for (int i = 0; i < rs.size(); i++) {
      String[] r = rs.get(i).split(",");
      String[] o = ours.get(i).split(",", -1);
      // R:
      // participant_id,cluster_id,arm,baseline_date,end,relapse,relapse_days,admissions,bed_days,followup_years
      assertThat(o[0]).isEqualTo(r[0]);
      assertThat(o[1]).isEqualTo(r[1]);
      assertThat(o[3]).isEqualTo(r[2]);
      for (int k = 3; k <= 8; k++) {
        assertThat(o[k + 1]).as("line %d column %d", i + 1, k).isEqualTo(r[k]);
      }
      if (i > 0) {
        assertThat(Double.parseDouble(o[10])).isEqualTo(Double.parseDouble(r[9]));
      }
    }
  }

  @Test
  void derivedCsvHasTheCellsOfTheTablesawTableMissingValuesIncluded() {
    List<Participant> ps = new ArrayList<>(DATA.participants());
    Participant p = ps.get(0);
    // every kind of missing or unusual cell: empty and null text, a formula-like text, a missing
    // date, NaN, Tablesaw's missing int, null Integers
    ps.add(
        new Participant(
            "P-extra",
            p.clusterId(),
            "",
            p.arm(),
            p.baselineDate(),
            null,
            true,
            Integer.MIN_VALUE,
            0,
            -3,
            Double.NaN,
            p.age(),
            "=1+1",
            null,
            "",
            null,
            true,
            false,
            Integer.MAX_VALUE,
            null));
    ps.add(
        new Participant(
            "+44",
            p.clusterId(),
            p.siteId(),
            p.arm(),
            LocalDate.of(2020, 2, 29),
            LocalDate.of(2021, 1, 1),
            false,
            1,
            2,
            3,
            1e-300,
            40,
            "F",
            "-x",
            "@d",
            7,
            false,
            true,
            0,
            -1));
    AnalysisData data =
        new AnalysisData(DATA.horizonDays(), DATA.clusters(), ps, DATA.meetings(), DATA.scores());
    StringWriter ours = new StringWriter();
    DerivedCsv.write(data, ours);
    StringWriter table = new StringWriter();
    throughTablesaw(ParticipantTable.of(data), table);
    assertThat(ours.toString()).isEqualTo(table.toString());
    assertThat(ours.toString())
        .contains("\nP-extra,GP01,,OD,2019-10-09,,1,,0,-3,,27,'=1+1,,,,1,0,2147483647,\n")
        .contains("\n'+44,");
  }

  /** derived.csv as it was written before: cell by cell from the Tablesaw table. */
  private static void throughTablesaw(Table t, Writer out) {
    try {
      CSVPrinter p =
          new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get());
      p.printRecord(t.columnNames());
      List<Object> row = new ArrayList<>(t.columnCount());
      for (int i = 0; i < t.rowCount(); i++) {
        row.clear();
        for (Column<?> c : t.columns()) {
          if (c.isMissing(i)) {
            row.add("");
            continue;
          }
          Object v = c.get(i);
          if (v instanceof Boolean b) {
            v = b ? 1 : 0;
          } else if (v instanceof Double d) {
            v = ShortestDouble.of(d);
          } else if (v instanceof String s) {
            v = CsvCells.text(s);
          }
          row.add(v);
        }
        p.printRecord(row);
      }
      p.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
