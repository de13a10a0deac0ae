package org.odtrial.analysis.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

/** Expected values written by src/test/R/survival-expected.R, and tolerance checks against them. */
public final class RReference {

  /** Estimates, standard errors, confidence limits, test statistics. */
  public static final double REL_ESTIMATE = 1e-6;

  /** p-values (above 1e-10). */
  public static final double REL_P = 1e-4;

  private static JsonNode root;
  private static JsonNode clusteredRoot;

  private RReference() {}

  public static synchronized JsonNode root() {
    if (root == null) {
      root = read("/r/survival-expected.json");
    }
    return root;
  }

  public static JsonNode read(String resource) {
    try (InputStream in = RReference.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code values} of the case with this id. */
  public static JsonNode values(String id) {
    return values(root(), id);
  }

  /** A case of src/test/R/survival-clustered.R (survival-clustered.json). */
  static synchronized JsonNode clustered(String id) {
    if (clusteredRoot == null) {
      clusteredRoot = read("/r/survival-clustered.json");
    }
    return values(clusteredRoot, id);
  }

  /** The {@code values} of the case with this id in a file of {@code read(resource)}. */
  public static JsonNode values(JsonNode root, String id) {
    for (JsonNode c : root.get("cases")) {
      if (c.get("id").asText().equals(id)) {
        return c.get("values");
      }
    }
    throw new IllegalStateException("no R case " + id);
  }

  /** A number, with R's non-finite values written by jsonlite as strings. */
  public static double num(JsonNode node) {
    if (node.isNumber()) {
      return node.asDouble();
    }
    switch (node.asText()) {
      case "NA":
      case "NaN":
        return Double.NaN;
      case "Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      default:
        throw new IllegalStateException("not a number: " + node);
    }
  }

  /** A numeric vector (a scalar counts as length 1). */
  public static double[] vec(JsonNode node) {
    if (!node.isArray()) {
      return new double[] {num(node)};
    }
    double[] out = new double[node.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = num(node.get(i));
    }
    return out;
  }

  /** A matrix; jsonlite writes a 1 x 1 matrix as [[v]] and a p x p one as rows. */
  public static double[][] mat(JsonNode node) {
    double[][] out = new double[node.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = vec(node.get(i));
    }
    return out;
  }

  public static void close(double actual, double expected, double rel, String what) {
    if (Double.isNaN(expected)) {
      assertThat(actual).as(what + " (R: NA)").isNaN();
      return;
    }
    if (Double.isInfinite(expected)) {
      assertThat(actual).as(what).isEqualTo(expected);
      return;
    }
    double tol = rel * Math.abs(expected) + 1e-12;
    if (!(Math.abs(actual - expected) <= tol)) {
      fail(
          String.format(
              Locale.ROOT,
              "%s: expected %.17g (R) but got %.17g, relative difference %.3g > %.1g",
              what,
              expected,
              actual,
              Math.abs(actual - expected) / Math.abs(expected),
              rel));
    }
  }

  public static void close(double[] actual, double[] expected, double rel, String what) {
    assertThat(actual).as(what + " length").hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      close(actual[i], expected[i], rel, what + "[" + i + "]");
    }
  }

  public static void close(int[] actual, double[] expected, String what) {
    assertThat(actual).as(what + " length").hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat((double) actual[i]).as(what + "[" + i + "]").isEqualTo(expected[i]);
    }
  }
}
