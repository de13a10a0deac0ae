package org.odtrial.ingest.validate;

import org.odtrial.ingest.validate.internal.DirectIdentifiers;

/**
 * The validator's direct-identifier detection for text that does not come from an upload: messages
 * that include paths or reasons typed by a user, history entries. Nothing odtrial prints or stores
 * repeats a direct identifier.
 */
public final class Redaction {
  private Redaction() {}

  /**
   * The text with each NHS number, postcode, e-mail address or phone number it holds replaced by
   * {@code [NHS number removed]} and the like.
   */
  public static String redact(String text) {
    return DirectIdentifiers.redact(text);
  }

  /** What kind of direct identifier the text holds ("an NHS number", ...), or null. */
  public static String identifierIn(String text) {
    return text == null ? null : DirectIdentifiers.kind(text);
  }
}
