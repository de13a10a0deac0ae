package org.odtrial.ingest.validate;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    if (text == null) {
      return null;
    }
    // the user@host of a server URL (--db postgresql://dm_t03@db.example.org/trial) names a
    // database role at a server, not an e-mail address: each side is checked on its own
    Matcher m = SERVER_USER.matcher(text);
    StringBuilder b = new StringBuilder(text.length());
    int at = 0;
    while (m.find()) {
      b.append(DirectIdentifiers.redact(text.substring(at, m.start(1))));
      b.append(DirectIdentifiers.redact(m.group(1))).append('@');
      at = m.end();
    }
    return at == 0
        ? DirectIdentifiers.redact(text)
        : b.append(DirectIdentifiers.redact(text.substring(at))).toString();
  }

  /** The role of a {@code postgresql://role@host} URL, up to its {@code @}. */
  private static final Pattern SERVER_USER =
      Pattern.compile("(?i)\\bpostgres(?:ql)?://([^/@\\s]+)@");

  /** What kind of direct identifier the text holds ("an NHS number", ...), or null. */
  public static String identifierIn(String text) {
    return text == null ? null : DirectIdentifiers.kind(text);
  }
}
