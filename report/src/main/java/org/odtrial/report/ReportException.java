package org.odtrial.report;

/** The one unchecked exception of the report module; messages carry their context. */
public class ReportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ReportException(String message) {
    super(message);
  }
}
