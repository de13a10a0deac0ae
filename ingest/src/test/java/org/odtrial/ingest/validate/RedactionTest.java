package org.odtrial.ingest.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Text from outside an upload (paths, store locations, reasons) loses every direct identifier it
 * holds, and nothing else: a server URL's role@host is not an e-mail address.
 */
class RedactionTest {
  @Test
  void identifiersInPathsAndReasonsAreRemoved() {
    assertThat(Redaction.redact("cannot open /data/943 476 5919/trial.db"))
        .isEqualTo("cannot open /data/[NHS number removed]/trial.db");
    assertThat(Redaction.redact("reason: asked by jane.doe01@nhs.net"))
        .isEqualTo("reason: asked by [e-mail address removed]");
    assertThat(Redaction.redact("/tmp/work/trial-20261203.db"))
        .isEqualTo("/tmp/work/trial-20261203.db");
    assertThat(Redaction.redact(null)).isNull();
  }

  @Test
  void aServerUrlKeepsItsRoleAndHost() {
    String url = "postgresql://dm_t03@db.example.org:5432/oddessi";
    assertThat(Redaction.redact("cannot connect to " + url + ": refused"))
        .isEqualTo("cannot connect to " + url + ": refused");
    assertThat(Redaction.redact(url + " and postgres://stat01@db2.example.org/trial"))
        .isEqualTo(url + " and postgres://stat01@db2.example.org/trial");
    // but an identifier in it is still removed, as is an e-mail address beside it
    assertThat(
            Redaction.redact("postgresql://9434765919@db.example.org/trial, ask x01@example.org"))
        .isEqualTo(
            "postgresql://[NHS number removed]@db.example.org/trial, ask [e-mail address removed]");
    assertThat(Redaction.redact("postgresql://dm_t03@db.example.org/9434765919"))
        .isEqualTo("postgresql://dm_t03@db.example.org/[NHS number removed]");
  }
}
