package org.odtrial.ingest.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValueCodecTest {

  @Test
  void canonicalIntegerIsExactlyWhatLongToStringWouldWrite() {
    String[] texts = {
      "0",
      "7",
      "42",
      "-1",
      "-42",
      "9223372036854775807",
      "-9223372036854775808",
      "07",
      "+7",
      "-0",
      "00",
      "-07",
      "+0",
      "0000"
    };
    for (String text : texts) {
      Long value = ValueCodec.parseLong(text);
      assertThat(value).as(text).isNotNull();
      assertThat(ValueCodec.isCanonicalInteger(text))
          .as(text)
          .isEqualTo(Long.toString(value).equals(text));
    }
  }

  @Test
  void nonIntegersAreNotParsed() {
    for (String text :
        new String[] {"", "-", "+", "1.0", "1e3", " 1", "NA", "9223372036854775808"}) {
      assertThat(ValueCodec.parseLong(text)).as(text).isNull();
    }
  }

  /** The decimals sent to PostgreSQL as uploaded are those its float8in reads as Java does. */
  @Test
  void plainDecimalsAreTheSpellingsBothReadAlike() {
    for (String text :
        new String[] {"1", "-1.5", "+0.25", ".5", "5.", "1e3", "1.5E-7", "-2.5e+10", "007.10"}) {
      assertThat(ValueCodec.isPlainDecimal(text)).as(text).isTrue();
      assertThat(Double.parseDouble(text)).as(text).isFinite();
    }
    for (String text :
        new String[] {
          "",
          ".",
          "-",
          "1e",
          "1e+",
          "0x1p3",
          "1d",
          "1f",
          " 1",
          "1 ",
          "NaN",
          "Infinity",
          "1,5",
          "1.2.3"
        }) {
      assertThat(ValueCodec.isPlainDecimal(text)).as(text).isFalse();
    }
  }
}
