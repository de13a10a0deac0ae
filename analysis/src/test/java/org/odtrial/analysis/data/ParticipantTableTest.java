package org.odtrial.analysis.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

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
}
