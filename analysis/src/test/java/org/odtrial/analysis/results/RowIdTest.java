package org.odtrial.analysis.results;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.odtrial.analysis.results.RowId.RecoveryAnalysis;

class RowIdTest {
  @Test
  void factoriesAndParsersAgree() {
    assertThat(RowId.recovery("QPR", 12, RecoveryAnalysis.CR2))
        .hasToString("recovery.QPR.m12.cr2")
        .extracting(id -> id.recoveryRow().orElseThrow())
        .isEqualTo(new RowId.RecoveryRow("QPR", 12, RecoveryAnalysis.CR2));
    assertThat(RowId.coxInteraction("sex").interactionVariable()).hasValue("sex");
    assertThat(RowId.coxSubgroup("diagnosis", "anxiety").subgroupRow())
        .hasValue(new RowId.SubgroupRow("diagnosis", "anxiety"));
    // a level may hold dots; the variable may not
    assertThat(RowId.coxSubgroup("site_id", "T1.a").subgroupRow())
        .hasValue(new RowId.SubgroupRow("site_id", "T1.a"));
    assertThat(RowId.RELAPSE_COX.subgroupRow()).isEmpty();
    assertThat(RowId.RELAPSE_COX.interactionVariable()).isEmpty();
    assertThat(RowId.coxInteraction("sex").subgroupRow()).isEmpty();
    assertThat(new RowId("relapse.cox.subgroup.sex").subgroupRow()).isEmpty();
  }
}
