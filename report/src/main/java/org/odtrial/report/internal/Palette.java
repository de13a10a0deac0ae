package org.odtrial.report.internal;

/**
 * Colours of every figure: the Okabe-Ito palette, safe for the common colour-vision deficiencies;
 * the second arm is also dashed so a grey print keeps the arms apart.
 */
public final class Palette {
  /** Arm colours in display order: Okabe-Ito blue and vermilion. */
  public static final String[] ARMS = {"#0072B2", "#D55E00"};

  /** Dash length of the second arm's line (0 for solid). */
  public static final double[] DASH = {0, 3};

  public static final String INK = "#000000";
  public static final String GRID = "#DDDDDD";
  public static final String MUTED = "#666666";
  public static final String BOX_FILL = "#F2F2F2";

  private Palette() {}
}
