import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A fixed amount of JVM work, timed, so that benchmark figures from different hours (or different
 * hosts behind the same VM) can be told apart from changes in the code: this machine's speed for
 * the JVM has varied twofold from hour to hour. Run by bench/lib.sh's machine() as {@code java
 * bench/Calibrate.java}: the source launcher compiles it first (javac, itself JIT-heavy work like
 * odtrial's start), then it sorts, hashes, formats and parses as odtrial does, always the same
 * values (fixed seed). Prints the seconds of the work alone and a checksum of its results.
 */
public final class Calibrate {
  private Calibrate() {}

  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    SplittableRandom random = new SplittableRandom(20261203L);
    long check = 0;
    long[] values = new long[4_000_000];
    for (int rep = 0; rep < 3; rep++) {
      for (int i = 0; i < values.length; i++) {
        values[i] = random.nextLong();
      }
      Arrays.sort(values);
      check ^= values[values.length / 2];
    }
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    byte[] block = new byte[1 << 20];
    for (int i = 0; i < block.length; i++) {
      block[i] = (byte) (i * 31);
    }
    for (int i = 0; i < 256; i++) {
      sha.update(block);
    }
    check ^= sha.digest()[0];
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < 2_000_000; i++) {
      line.setLength(0);
      line.append(random.nextLong()).append(',').append(random.nextInt(1000) / 8.0);
      String[] cells = line.toString().split(",");
      check += Long.parseLong(cells[0]) + Double.doubleToLongBits(Double.parseDouble(cells[1]));
      check += cells[0].getBytes(StandardCharsets.UTF_8).length;
    }
    System.out.printf(
        Locale.ROOT,
        "%.2f s of fixed work (checksum %016x)%n",
        (System.nanoTime() - start) / 1e9,
        check);
  }
}
