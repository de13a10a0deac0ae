package org.odtrial.ingest.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.odtrial.ingest.store.StoreException;

/** A --db URL as a user types it: parsed as libpq parses it, or refused in words, never echoed. */
class PostgresLocationTest {
  private static final Map<String, String> ENV = Map.of("PGUSER", "pguser");

  private static PostgresLocation parse(String url) {
    return PostgresLocation.parse(url, ENV);
  }

  @Test
  void theUsualFormsAndTheirDefaults() {
    assertThat(parse("postgresql://dm@db.example.org:5433/trial").display())
        .isEqualTo("postgresql://dm@db.example.org:5433/trial");
    assertThat(parse("postgres://").display())
        .isEqualTo("postgresql://pguser@localhost:5432/pguser");
    assertThat(parse("postgresql://[::1]/trial").display())
        .isEqualTo("postgresql://pguser@[::1]:5432/trial");
    assertThat(parse("postgresql://h/trial?user=a%40b&sslmode=require").user()).isEqualTo("a@b");
    // as in libpq, a plus sign is itself, not a space
    assertThat(parse("postgresql://data+manager@h/odd+name").display())
        .isEqualTo("postgresql://data+manager@h:5432/odd+name");
  }

  @Test
  void aPasswordIsRefusedWithoutBeingEchoedEvenWhenMalformed() {
    for (String url :
        new String[] {
          "postgresql://dm:hunter2@h/trial",
          "postgresql://h/trial?password=hunter2",
          "postgresql://h/trial?PASSWORD=hunter2",
          "postgresql://h/trial?password=hu%zznter2",
          "postgresql://h/trial?password=hunter2%"
        }) {
      assertThatThrownBy(() -> parse(url))
          .as(url)
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("a password in the --db URL is refused")
          .hasMessageNotContaining("hunter")
          .hasMessageNotContaining("zz");
    }
  }

  @Test
  void aMalformedEscapeOrPortIsNamedInWords() {
    assertThatThrownBy(() -> parse("postgresql://h/tri%zzal"))
        .isInstanceOf(StoreException.class)
        .hasMessage(
            "the --db URL is malformed: each % must start an escape of two hexadecimal digits (%40"
                + " for @, %25 for % itself)");
    assertThatThrownBy(() -> parse("postgresql://h/trial?sslmode=requ%"))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("the --db URL is malformed");
    assertThatThrownBy(() -> parse("postgresql://h:54x2/trial"))
        .isInstanceOf(StoreException.class)
        .hasMessage("the port in the --db URL is not a number: 54x2");
    for (String port : new String[] {"0", "-1", "65536", "99999"}) {
      assertThatThrownBy(() -> parse("postgresql://h:" + port + "/trial"))
          .as(port)
          .isInstanceOf(StoreException.class)
          .hasMessage("the port in the --db URL must be 1 to 65535 (5432 by default): " + port);
    }
    assertThat(parse("postgresql://h:65535/trial").port()).isEqualTo(65535);
  }
}
