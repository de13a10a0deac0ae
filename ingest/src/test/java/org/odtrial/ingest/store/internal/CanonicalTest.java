package org.odtrial.ingest.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CanonicalTest {
  /** The encoding exactly as the class javadoc specifies it, byte by byte. */
  private static byte[] specified(List<Object> values) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object v : values) {
      if (v == null) {
        out.write(0);
      } else if (v instanceof Long l) {
        out.write(1);
        out.write(ByteBuffer.allocate(8).putLong(l).array());
      } else if (v instanceof Double d) {
        out.write(2);
        out.write(ByteBuffer.allocate(8).putDouble(d == 0.0 ? 0.0 : d).array());
      } else if (v instanceof String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(3);
        out.write(ByteBuffer.allocate(4).putInt(b.length).array());
        out.write(b);
      } else {
        byte[] b = (byte[]) v;
        out.write(4);
        out.write(ByteBuffer.allocate(4).putInt(b.length).array());
        out.write(b);
      }
    }
    return MessageDigest.getInstance("SHA-256").digest(out.toByteArray());
  }

  @Test
  void theBufferedEncoderHashesExactlyTheSpecifiedBytes() throws Exception {
    SplittableRandom rng = new SplittableRandom(7);
    Canonical c = Canonical.sha256();
    for (int round = 0; round < 60; round++) {
      List<Object> values = new ArrayList<>();
      int n = rng.nextInt(1, 1500);
      for (int i = 0; i < n; i++) {
        switch (rng.nextInt(7)) {
          case 0 -> values.add(null);
          case 1 -> values.add(rng.nextLong());
          case 2 -> values.add(rng.nextBoolean() ? -0.0 : rng.nextDouble() * 1e6);
          case 3 -> values.add("P" + rng.nextInt(1_000_000));
          case 4 ->
              values.add(
                  rng.nextBoolean()
                      ? "Zoë ✓ 😀"
                      : "x".repeat(rng.nextInt(0, rng.nextInt(50) == 0 ? 20_000 : 30)));
          case 5 -> values.add("é".repeat(rng.nextInt(0, rng.nextInt(50) == 0 ? 9_000 : 30)));
          default -> {
            byte[] b = new byte[rng.nextInt(0, rng.nextInt(50) == 0 ? 20_000 : 40)];
            rng.nextBytes(b);
            values.add(b);
          }
        }
      }
      for (Object v : values) {
        c.value(v);
      }
      assertThat(c.finish()).as("round %d", round).isEqualTo(specified(values));
    }
  }
}
