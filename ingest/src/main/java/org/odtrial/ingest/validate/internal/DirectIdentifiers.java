package org.odtrial.ingest.validate.internal;

/**
 * Recognises values that look like direct identifiers: an NHS number (10 digits passing the
 * modulus-11 check, spaces or hyphens allowed between digits), a UK postcode, an e-mail address or
 * a UK phone number. A whole cell is tested, and for text with separators also each run of up to
 * three adjacent words, so "tel 07700 900123" is caught too. Most cells are rejected by one
 * character loop (too few digits and no '@').
 */
public final class DirectIdentifiers {
  public static final String NHS_NUMBER = "an NHS number";
  public static final String POSTCODE = "a UK postcode";
  public static final String EMAIL = "an e-mail address";
  public static final String PHONE = "a UK phone number";

  private static final String INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";

  private DirectIdentifiers() {}

  /** What kind of direct identifier the value looks like, or null. */
  public static String kind(String v) {
    int digits = 0;
    boolean at = false;
    boolean separator = false;
    int n = v.length();
    for (int i = 0; i < n; i++) {
      char c = v.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (c == '@') {
        at = true;
      } else if (isWordBreak(c)) {
        separator = true;
      }
    }
    if (digits < 2 && !at) {
      return null; // every pattern but e-mail needs at least two digits
    }
    String k = kindOfWord(v.strip(), digits);
    if (k != null || !separator) {
      return k;
    }
    String[] words = v.strip().split("[\\s,;:/]+");
    for (int i = 0; i < words.length; i++) {
      StringBuilder sb = new StringBuilder();
      for (int j = i; j < words.length && j < i + 3; j++) {
        if (j > i) {
          sb.append(' ');
        }
        sb.append(words[j]);
        String w = sb.toString();
        k = kindOfWord(w, countDigits(w));
        if (k != null) {
          return k;
        }
      }
    }
    return null;
  }

  private static boolean isWordBreak(char c) {
    return Character.isWhitespace(c) || c == ',' || c == ';' || c == ':' || c == '/';
  }

  private static int countDigits(String s) {
    int d = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        d++;
      }
    }
    return d;
  }

  /** {@code digits} = number of digits in s, so that most values skip the detailed checks. */
  private static String kindOfWord(String s, int digits) {
    if (s.indexOf('@') >= 0) {
      return isEmail(s) ? EMAIL : null;
    }
    if (digits == 10 && isNhsNumber(s)) {
      return NHS_NUMBER;
    }
    if (digits >= 10 && digits <= 14 && isPhone(s)) {
      return PHONE;
    }
    if (digits >= 2 && digits <= 4 && s.length() <= 9 && isPostcode(s)) {
      return POSTCODE;
    }
    return null;
  }

  /**
   * 10 digits, optionally separated by spaces or hyphens, whose last digit is the modulus-11 check
   * digit.
   */
  static boolean isNhsNumber(String s) {
    int[] d = new int[10];
    int k = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        if (k == 10) {
          return false;
        }
        d[k++] = c - '0';
      } else if (c != ' ' && c != '-') {
        return false;
      }
    }
    if (k != 10) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += d[i] * (10 - i);
    }
    int check = 11 - sum % 11;
    if (check == 11) {
      check = 0;
    }
    return check != 10 && check == d[9];
  }

  /**
   * A UK number: national form 0 then 1, 2, 3 or 7 and 10 or 11 digits in all; or international +44
   * / 0044 (an optional "(0)" after it) then 9 or 10 digits starting 1, 2, 3 or 7. Spaces, hyphens
   * and brackets may separate.
   */
  static boolean isPhone(String s) {
    StringBuilder d = new StringBuilder(16);
    boolean plus = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        d.append(c);
      } else if (c == '+' && d.length() == 0 && !plus) {
        plus = true;
      } else if (c != ' ' && c != '-' && c != '(' && c != ')') {
        return false;
      }
    }
    String num = d.toString();
    String national;
    if (plus && num.startsWith("44")) {
      national = num.substring(2);
    } else if (!plus && num.startsWith("0044")) {
      national = num.substring(4);
    } else if (plus) {
      return false;
    } else {
      return num.length() >= 10
          && num.length() <= 11
          && num.charAt(0) == '0'
          && "1237".indexOf(num.charAt(1)) >= 0;
    }
    if (national.startsWith("0")) {
      national = national.substring(1); // +44 (0)20 ...
    }
    return national.length() >= 9
        && national.length() <= 10
        && "1237".indexOf(national.charAt(0)) >= 0;
  }

  /**
   * Outward code A9, A99, AA9, AA99, A9A or AA9A, optional spaces, inward code 9AA; either case.
   */
  static boolean isPostcode(String s) {
    char[] b = new char[7];
    int n = 0;
    int spaces = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ') {
        spaces++;
        continue;
      }
      if (n == 7
          || spaces > 2
          || (!(c >= '0' && c <= '9') && !(c >= 'A' && c <= 'Z') && !(c >= 'a' && c <= 'z'))) {
        return false;
      }
      b[n++] = Character.toUpperCase(c);
    }
    if (n < 5) {
      return false;
    }
    String p = new String(b, 0, n);
    if (p.equals("GIR0AA")) {
      return true;
    }
    if (!isDigit(p.charAt(n - 3))
        || INWARD_LETTERS.indexOf(p.charAt(n - 2)) < 0
        || INWARD_LETTERS.indexOf(p.charAt(n - 1)) < 0) {
      return false;
    }
    String out = p.substring(0, n - 3);
    char a = out.charAt(0);
    if (!isLetter(a) || "QVX".indexOf(a) >= 0) {
      return false;
    }
    switch (out.length()) {
      case 2: // A9
        return isDigit(out.charAt(1));
      case 3: // A99, AA9, A9A
        return (isDigit(out.charAt(1)) && (isDigit(out.charAt(2)) || isLetter(out.charAt(2))))
            || (secondLetter(out.charAt(1)) && isDigit(out.charAt(2)));
      case 4: // AA99, AA9A
        return secondLetter(out.charAt(1))
            && isDigit(out.charAt(2))
            && (isDigit(out.charAt(3)) || isLetter(out.charAt(3)));
      default:
        return false;
    }
  }

  /** local@domain.tld with a plausible local part and at least one dot in the domain. */
  static boolean isEmail(String s) {
    int at = s.indexOf('@');
    if (at <= 0 || at != s.lastIndexOf('@') || at == s.length() - 1) {
      return false;
    }
    for (int i = 0; i < at; i++) {
      char c = s.charAt(i);
      if (!(Character.isLetterOrDigit(c) || ".!#$%&'*+/=?^_`{|}~-".indexOf(c) >= 0)) {
        return false;
      }
    }
    String domain = s.substring(at + 1);
    int dot = domain.lastIndexOf('.');
    if (dot <= 0 || dot >= domain.length() - 2) {
      return false;
    }
    for (int i = 0; i < domain.length(); i++) {
      char c = domain.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-')) {
        return false;
      }
    }
    for (int i = dot + 1; i < domain.length(); i++) {
      if (!Character.isLetter(domain.charAt(i))) {
        return false;
      }
    }
    return !domain.contains("..");
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isLetter(char c) {
    return c >= 'A' && c <= 'Z';
  }

  private static boolean secondLetter(char c) {
    return isLetter(c) && "IJZ".indexOf(c) < 0;
  }
}
