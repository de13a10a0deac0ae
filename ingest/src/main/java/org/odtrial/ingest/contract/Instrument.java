package org.odtrial.ingest.contract;

/** The questionnaire instruments of outcomes.csv with their score ranges. */
public enum Instrument {
  QPR("Questionnaire about the Process of Recovery", 0, 60, true),
  BPRS("Brief Psychiatric Rating Scale", 24, 168, false),
  SDMQ9("Shared decision-making (SDM-Q-9), transformed", 0, 100, true),
  SPS("Social Provisions Scale", 24, 96, true),
  CSQ8("Client Satisfaction Questionnaire", 8, 32, true),
  EQ5D_VAS("EQ-5D visual analogue scale", 0, 100, true);

  private final String title;
  private final double min;
  private final double max;
  private final boolean higherIsBetter;

  Instrument(String title, double min, double max, boolean higherIsBetter) {
    this.title = title;
    this.min = min;
    this.max = max;
    this.higherIsBetter = higherIsBetter;
  }

  public String title() {
    return title;
  }

  public double min() {
    return min;
  }

  public double max() {
    return max;
  }

  public boolean higherIsBetter() {
    return higherIsBetter;
  }

  static String[] codes() {
    Instrument[] all = values();
    String[] codes = new String[all.length];
    for (int i = 0; i < all.length; i++) {
      codes[i] = all[i].name();
    }
    return codes;
  }
}
