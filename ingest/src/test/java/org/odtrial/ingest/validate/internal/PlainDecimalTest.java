package org.odtrial.ingest.validate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The cheap decimal parse of the common case gives Double.parseDouble's bits, or declines. */
class PlainDecimalTest {
  @Test
  void plainDecimalsParseToTheSameBitsAsParseDouble() {
    Random r = new Random(20261202L);
    String alphabet = "0123456789.0123456789-,e ";
    int parsed = 0;
    for (int t = 0; t < 200_000; t++) {
      StringBuilder b = new StringBuilder();
      int n = r.nextInt(11);
      for (int i = 0; i < n; i++) {
        b.append(alphabet.charAt(r.nextInt(r.nextInt(4) == 0 ? alphabet.length() : 11)));
      }
      String s = b.toString();
      double d = CellChecks.plainDecimal(s);
      if (d >= 0) {
        parsed++;
        assertThat(CellChecks.isPlainDecimal(s)).as(s).isTrue();
        assertThat(Double.doubleToRawLongBits(d))
            .as(s)
            .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(s)));
      } else if (CellChecks.isPlainDecimal(s) && !s.startsWith("-") && !s.startsWith(".")) {
        assertThat(s.replace(".", "").length()).as(s).isGreaterThan(8);
      }
    }
    assertThat(parsed).isGreaterThan(50_000);
  }
}
