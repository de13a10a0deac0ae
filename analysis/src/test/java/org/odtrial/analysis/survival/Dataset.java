package org.odtrial.analysis.survival;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/** A small CSV table as R's write.csv writes it (quoted strings, NA for missing). */
public final class Dataset {

  private final List<String> header;
  private final List<String[]> rows;

  private Dataset(List<String> header, List<String[]> rows) {
    this.header = header;
    this.rows = rows;
  }

  public static Dataset load(String resource) {
    try (InputStream in = Dataset.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String> header = Arrays.asList(split(r.readLine()));
      List<String[]> rows = new ArrayList<>();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isEmpty()) {
          rows.add(split(line));
        }
      }
      return new Dataset(header, rows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Splits on commas; the datasets have no embedded commas inside quotes. */
  private static String[] split(String line) {
    String[] parts = line.split(",", -1);
    for (int i = 0; i < parts.length; i++) {
      String s = parts[i];
      if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
        parts[i] = s.substring(1, s.length() - 1);
      }
    }
    return parts;
  }

  public int size() {
    return rows.size();
  }

  public String text(String column, int row) {
    return rows.get(row)[col(column)];
  }

  public double num(String column, int row) {
    String s = text(column, row);
    return s.equals("NA") || s.isEmpty() ? Double.NaN : Double.parseDouble(s);
  }

  private int col(String column) {
    int i = header.indexOf(column);
    if (i < 0) {
      throw new IllegalArgumentException("no column " + column);
    }
    return i;
  }

  /** Rows (in file order) where every listed column is non-missing and {@code filter} holds. */
  public Dataset where(IntPredicate filter, String... complete) {
    List<String[]> kept = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      boolean ok = filter.test(i);
      for (String c : complete) {
        ok &= !Double.isNaN(num(c, i));
      }
      if (ok) {
        kept.add(rows.get(i));
      }
    }
    return new Dataset(header, kept);
  }

  public double[] nums(String column) {
    double[] out = new double[size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = num(column, i);
    }
    return out;
  }

  public int[] ints(String column) {
    double[] v = nums(column);
    int[] out = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (int) v[i];
    }
    return out;
  }

  /** Codes 0.. for a text column by position in {@code levels} (R's factor level order). */
  public int[] codes(String column, List<String> levels) {
    int[] out = new int[size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = levels.indexOf(text(column, i));
      if (out[i] < 0) {
        throw new IllegalArgumentException("unknown level " + text(column, i));
      }
    }
    return out;
  }

  public boolean[] events(String column, double eventValue) {
    boolean[] out = new boolean[size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = num(column, i) == eventValue;
    }
    return out;
  }

  /** Design matrix rows from numeric columns. */
  public double[][] design(String... columns) {
    double[][] x = new double[size()][columns.length];
    for (int i = 0; i < size(); i++) {
      for (int j = 0; j < columns.length; j++) {
        x[i][j] = num(columns[j], i);
      }
    }
    return x;
  }
}
