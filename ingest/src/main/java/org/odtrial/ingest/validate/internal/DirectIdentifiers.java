package org.odtrial.ingest.validate.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Recognises direct identifiers anywhere inside a value, whatever separates their parts: an NHS
 * number (10 digits passing the modulus-11 check), a UK postcode, an e-mail address or a UK phone
 * number, also when written with spaces (non-breaking ones too), dots, dashes, underscores, slashes
 * or brackets between the parts, after a prefix such as {@code NHS} or {@code tel.}, inside an
 * identifier ({@code P9434765919}), in full-width or other Unicode digits, with invisible
 * characters between the digits, or as {@code name (at) example (dot) org}.
 *
 * <p>How: the value is first folded to ASCII where it is not ASCII already (Unicode digits to 0-9,
 * full-width forms to ASCII, every kind of space to a space, every dash to '-', invisible format
 * characters dropped), keeping where each character came from. Then:
 *
 * <ul>
 *   <li>Digits are grouped: a group is a run of digits, and groups separated by at most {@value
 *       #MAX_JOIN} separator characters (space . - _ / ( ) , + : ; ' * | [ ]) belong to one number;
 *       letters end a number. Every window of consecutive groups is tested as an NHS number (10
 *       digits in a usual grouping: 10, 3-3-4 and its orders, 3-7, 6-4, 5-5, or one or two digits
 *       at a time) and as a UK phone number (0 then 1, 2, 3 or 7, 11 digits, or 10 for 01; or +44 /
 *       0044, an optional 0, then 10 digits, or 9 for 1...; the first group at least three digits
 *       unless the digits are spaced out one or two at a time).
 *   <li>Runs of letters and digits are tokens; every window of consecutive tokens separated by at
 *       most {@value #MAX_JOIN} separators and 5 to 7 characters long in all is tested as a
 *       postcode (outward code A9, A99, AA9, AA99, A9A or AA9A, inward code 9AA, with the letters
 *       the Royal Mail uses), in either case.
 *   <li>Around each {@code @} (also written (at), [at], {at} or &lt;at&gt;, dots as (dot) and the
 *       like): a plausible local part and a domain with a dot and a top-level domain of letters.
 * </ul>
 *
 * <p>Most cells are rejected by one pass that counts digits and letters: every pattern but an
 * e-mail address needs at least two digits, NHS and phone numbers at least nine, a postcode three
 * letters. The false-positive and detection rates on a corpus are in docs/data-dictionary.md.
 */
public final class DirectIdentifiers {
  public static final String NHS_NUMBER = "an NHS number";
  public static final String POSTCODE = "a UK postcode";
  public static final String EMAIL = "an e-mail address";
  public static final String PHONE = "a UK phone number";

  /** Separator characters that may stand between the parts of one identifier. */
  static final int MAX_JOIN = 3;

  private static final String INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";
  private static final String EMAIL_LOCAL = ".!#$%&'*+/=?^_`{|}~-";

  /** Groupings (group lengths) in which people write a 10-digit NHS number. */
  private static final int[][] NHS_GROUPINGS = {
    {10}, {3, 3, 4}, {3, 4, 3}, {4, 3, 3}, {3, 7}, {7, 3}, {6, 4}, {4, 6}, {5, 5}
  };

  /**
   * Where a direct identifier was found.
   *
   * @param kind what it looks like, e.g. {@link #NHS_NUMBER}
   * @param start index of its first character in the value
   * @param end index after its last character
   */
  public record Match(String kind, int start, int end) {}

  private DirectIdentifiers() {}

  /** What kind of direct identifier the value holds, or null. */
  public static String kind(String v) {
    List<Match> found = scan(v, true);
    return found.isEmpty() ? null : found.get(0).kind();
  }

  /** Every direct identifier in the value, by position, not overlapping. */
  public static List<Match> find(String v) {
    return scan(v, false);
  }

  /**
   * The text with each direct identifier replaced by {@code [NHS number removed]} (or postcode,
   * e-mail address, phone number): for messages that include text from outside, such as paths.
   */
  public static String redact(String text) {
    if (text == null) {
      return null;
    }
    List<Match> found = find(text);
    if (found.isEmpty()) {
      return text;
    }
    StringBuilder b = new StringBuilder(text.length());
    int at = 0;
    for (Match m : found) {
      b.append(text, at, m.start());
      b.append('[').append(m.kind().substring(m.kind().indexOf(' ') + 1)).append(" removed]");
      at = m.end();
    }
    return b.append(text, at, text.length()).toString();
  }

  private static List<Match> scan(String v, boolean firstOnly) {
    int n = v.length();
    int digits = 0;
    int letters = 0;
    boolean at = false;
    boolean bracket = false;
    boolean ascii = true;
    for (int i = 0; i < n; i++) {
      char c = v.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        letters++;
      } else if (c == '@') {
        at = true;
      } else if (c == '(' || c == '[' || c == '{' || c == '<') {
        bracket = true;
      } else if (c > 0x7F) {
        ascii = false;
      }
    }
    if (ascii && tooFewForNumberOrPostcode(digits, letters) && !at && !(bracket && letters >= 6)) {
      // (dates, numbers, most ids and codes): too few digits for an NHS or phone number, too few
      // digits or letters for a postcode, no @ for an e-mail address
      return List.of();
    }
    Folded f = ascii ? new Folded(v) : Folded.of(v);
    if (!ascii) {
      digits = f.count('0', '9');
      letters = f.count('a', 'z') + f.count('A', 'Z');
      at = f.indexOf('@') >= 0;
    }
    List<Match> found = new ArrayList<>(1);
    Scan s = new Scan(f, found, firstOnly);
    if (mayHoldNumber(digits)) {
      s.numbers();
    }
    if (!s.done() && mayHoldPostcode(digits, letters)) {
      s.postcodes();
    }
    if (!s.done() && (at || (bracket && letters >= 6))) {
      s.emails();
    }
    if (found.size() > 1) {
      found = nonOverlapping(found);
    }
    return found;
  }

  /** Enough digits for an NHS or phone number. */
  private static boolean mayHoldNumber(int digits) {
    return digits >= 9;
  }

  /** Enough digits and letters for a postcode. */
  private static boolean mayHoldPostcode(int digits, int letters) {
    return digits >= 2 && letters >= 3;
  }

  /**
   * Too few digits and letters for an NHS number, a phone number or a postcode: an ASCII value with
   * these counts, no {@code @} and no brackets is no direct identifier (the validator's cheap first
   * pass relies on exactly this test).
   */
  static boolean tooFewForNumberOrPostcode(int digits, int letters) {
    return !mayHoldNumber(digits) && !mayHoldPostcode(digits, letters);
  }

  private static List<Match> nonOverlapping(List<Match> found) {
    List<Match> sorted = new ArrayList<>(found);
    sorted.sort(
        (a, b) ->
            a.start() != b.start()
                ? a.start() - b.start()
                : (b.end() - b.start()) - (a.end() - a.start()));
    List<Match> out = new ArrayList<>();
    int end = -1;
    for (Match m : sorted) {
      if (m.start() >= end) {
        out.add(m);
        end = m.end();
      } else if (m.end() > end) {
        Match last = out.remove(out.size() - 1);
        out.add(new Match(last.kind(), last.start(), m.end()));
        end = m.end();
      }
    }
    return out;
  }

  /** The value folded to ASCII, with each character's span in the original value. */
  static final class Folded {
    final char[] c;
    final int length;
    private final int[] from; // null when c is the value itself
    private final int[] to;

    Folded(String ascii) {
      this.c = ascii.toCharArray();
      this.length = c.length;
      this.from = null;
      this.to = null;
    }

    private Folded(char[] c, int length, int[] from, int[] to) {
      this.c = c;
      this.length = length;
      this.from = from;
      this.to = to;
    }

    static Folded of(String v) {
      int n = v.length();
      char[] c = new char[n];
      int[] from = new int[n];
      int[] to = new int[n];
      int k = 0;
      for (int i = 0; i < n; ) {
        int cp = v.codePointAt(i);
        int next = i + Character.charCount(cp);
        char a = fold(cp);
        if (a != 0) {
          c[k] = a;
          from[k] = i;
          to[k] = next;
          k++;
        }
        i = next;
      }
      return new Folded(c, k, from, to);
    }

    /** The ASCII character a code point stands for: 0 to drop it, 0x7F for anything else. */
    private static char fold(int cp) {
      if (cp < 0x80) {
        return (char) cp;
      }
      if (Character.isDigit(cp)) {
        return (char) ('0' + Character.digit(cp, 10));
      }
      if (cp >= 0xFF01 && cp <= 0xFF5E) {
        return (char) (cp - 0xFEE0); // full-width forms
      }
      int type = Character.getType(cp);
      if (type == Character.FORMAT) {
        return 0; // zero-width space, soft hyphen, word joiner...: invisible
      }
      if (Character.isSpaceChar(cp) || Character.isWhitespace(cp)) {
        return ' ';
      }
      if (type == Character.DASH_PUNCTUATION) {
        return '-';
      }
      String nf = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC);
      if (nf.length() == 1 && nf.charAt(0) < 0x80) {
        return nf.charAt(0); // mathematical and other compatibility letters, one dot leader...
      }
      return 0x7F;
    }

    int start(int i) {
      return from == null ? i : from[i];
    }

    int end(int i) {
      return to == null ? i + 1 : to[i];
    }

    int count(char lo, char hi) {
      int n = 0;
      for (int i = 0; i < length; i++) {
        if (c[i] >= lo && c[i] <= hi) {
          n++;
        }
      }
      return n;
    }

    int indexOf(char x) {
      for (int i = 0; i < length; i++) {
        if (c[i] == x) {
          return i;
        }
      }
      return -1;
    }
  }

  /** One search over a folded value. */
  private static final class Scan {
    private final Folded f;
    private final char[] c;
    private final int n;
    private final List<Match> found;
    private final boolean firstOnly;

    Scan(Folded f, List<Match> found, boolean firstOnly) {
      this.f = f;
      this.c = f.c;
      this.n = f.length;
      this.found = found;
      this.firstOnly = firstOnly;
    }

    boolean done() {
      return firstOnly && !found.isEmpty();
    }

    private void hit(String kind, int start, int end) {
      found.add(new Match(kind, f.start(start), f.end(end - 1)));
    }

    // ---- NHS and phone numbers ----------------------------------------------------------------

    void numbers() {
      int[] gs = new int[n]; // group starts
      int[] ge = new int[n]; // group ends
      int i = 0;
      while (i < n && !done()) {
        if (!isDigit(c[i])) {
          i++;
          continue;
        }
        // one number: groups joined by short separator runs
        int groups = 0;
        int j = i;
        while (true) {
          int s = j;
          while (j < n && isDigit(c[j])) {
            j++;
          }
          gs[groups] = s;
          ge[groups] = j;
          groups++;
          int k = j;
          while (k < n && k - j < MAX_JOIN && isJoin(c[k]) && c[k] != ',') {
            k++; // a comma between digits is a thousands separator, not part of a number
          }
          if (k > j && k < n && isDigit(c[k])) {
            j = k;
          } else {
            break;
          }
        }
        // a date inside the run (2021-05-02, 02/05/2021) is not part of a number
        int from = 0;
        for (int g = 0; g <= groups; g++) {
          if (g == groups || (g + 2 < groups && isDate(gs, ge, g))) {
            windows(gs, ge, from, g);
            if (g < groups) {
              g += 2;
            }
            from = g + 1;
          }
        }
        i = ge[groups - 1];
      }
    }

    /** Groups g, g+1, g+2 written as a date: YYYY-MM-DD or DD/MM/YYYY, with one separator. */
    private boolean isDate(int[] gs, int[] ge, int g) {
      int l0 = ge[g] - gs[g];
      int l1 = ge[g + 1] - gs[g + 1];
      int l2 = ge[g + 2] - gs[g + 2];
      if (l1 != 2 || gs[g + 1] - ge[g] != 1 || gs[g + 2] - ge[g + 1] != 1) {
        return false;
      }
      char sep = c[ge[g]];
      if ((sep != '-' && sep != '/' && sep != '.') || c[ge[g + 1]] != sep) {
        return false;
      }
      int year;
      int day;
      if (l0 == 4 && l2 == 2) {
        year = number(gs[g], 4);
        day = number(gs[g + 2], 2);
      } else if (l0 == 2 && l2 == 4) {
        year = number(gs[g + 2], 4);
        day = number(gs[g], 2);
      } else {
        return false;
      }
      int month = number(gs[g + 1], 2);
      return year >= 1900 && year <= 2099 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }

    private int number(int at, int digits) {
      int v = 0;
      for (int k = at; k < at + digits; k++) {
        v = v * 10 + (c[k] - '0');
      }
      return v;
    }

    /** Tests every window of consecutive groups [a, b] with from <= a <= b < to. */
    private void windows(int[] gs, int[] ge, int from, int to) {
      for (int a = from; a < to && !done(); a++) {
        int total = 0;
        for (int b = a; b < to && !done(); b++) {
          total += ge[b] - gs[b];
          if (total > 15) {
            break; // 0044 (0) and ten digits at most
          }
          if (total == 10 && isNhs(gs, ge, a, b)) {
            hit(NHS_NUMBER, gs[a], ge[b]);
          } else if (total >= 10 && isPhone(gs, ge, a, b, total)) {
            hit(PHONE, gs[a], ge[b]);
          }
        }
      }
    }

    private boolean isNhs(int[] gs, int[] ge, int a, int b) {
      int groups = b - a + 1;
      if (!spacedOut(gs, ge, a, b) && !usualGrouping(gs, ge, a, groups)) {
        return false;
      }
      int[] d = new int[10];
      int k = 0;
      for (int g = a; g <= b; g++) {
        for (int i = gs[g]; i < ge[g]; i++) {
          d[k++] = c[i] - '0';
        }
      }
      return nhsCheckDigitOk(d);
    }

    private static boolean usualGrouping(int[] gs, int[] ge, int a, int groups) {
      for (int[] g : NHS_GROUPINGS) {
        if (g.length != groups) {
          continue;
        }
        boolean same = true;
        for (int k = 0; k < groups && same; k++) {
          same = ge[a + k] - gs[a + k] == g[k];
        }
        if (same) {
          return true;
        }
      }
      return false;
    }

    /** Digits written one or two at a time: a deliberate disguise. */
    private static boolean spacedOut(int[] gs, int[] ge, int a, int b) {
      if (b - a < 4) {
        return false;
      }
      for (int g = a; g <= b; g++) {
        if (ge[g] - gs[g] > 2) {
          return false;
        }
      }
      return true;
    }

    private boolean isPhone(int[] gs, int[] ge, int a, int b, int total) {
      StringBuilder d = new StringBuilder(total);
      for (int g = a; g <= b; g++) {
        d.append(c, gs[g], ge[g] - gs[g]);
      }
      boolean plus = plusBefore(gs[a]);
      boolean spaced = spacedOut(gs, ge, a, b);
      String national;
      boolean international = plus && d.charAt(0) == '4' && d.charAt(1) == '4';
      boolean zeroZero =
          !plus
              && d.charAt(0) == '0'
              && d.charAt(1) == '0'
              && d.charAt(2) == '4'
              && d.charAt(3) == '4';
      if (international || zeroZero) {
        national = d.substring(international ? 2 : 4);
        if (national.startsWith("0")) {
          national = national.substring(1); // +44 (0)20 ...
        }
        return national.length() == 10 && "1237".indexOf(national.charAt(0)) >= 0;
      }
      if (plus || d.charAt(0) != '0' || "1237".indexOf(d.charAt(1)) < 0) {
        return false;
      }
      if (ge[a] - gs[a] < 3 && !spaced) {
        return false; // an area code has at least three digits (020, 0161, 01632)
      }
      return total == 11;
    }

    /**
     * Whether a '+' stands right before position i (maybe after a separator or an opening bracket).
     */
    private boolean plusBefore(int i) {
      for (int k = i - 1; k >= 0 && k >= i - MAX_JOIN; k--) {
        if (c[k] == '+') {
          return true;
        }
        if (!isJoin(c[k])) {
          return false;
        }
      }
      return false;
    }

    // ---- postcodes -----------------------------------------------------------------------------

    void postcodes() {
      int[] ts = new int[n]; // token starts
      int[] te = new int[n]; // token ends
      int tokens = 0;
      int i = 0;
      while (i < n) {
        if (!isAlnum(c[i])) {
          i++;
          continue;
        }
        int s = i;
        while (i < n && isAlnum(c[i])) {
          i++;
        }
        ts[tokens] = s;
        te[tokens] = i;
        tokens++;
      }
      char[] p = new char[7];
      for (int a = 0; a < tokens && !done(); a++) {
        int len = 0;
        for (int b = a; b < tokens && !done(); b++) {
          if (b > a && !joined(te[b - 1], ts[b])) {
            break;
          }
          int t = te[b] - ts[b];
          if (len + t > 7) {
            break;
          }
          for (int k = 0; k < t; k++) {
            p[len + k] = Character.toUpperCase(c[ts[b] + k]);
          }
          len += t;
          if (len >= 5 && isPostcode(p, len) && oneCase(ts[a], te[b])) {
            hit(POSTCODE, ts[a], te[b]);
          }
        }
      }
    }

    /**
     * Whether the letters in [from, to) are written in one case (or capitalised, as in Sw1a 1aa): a
     * postcode is, a random mixed-case identifier such as t97D_h rarely.
     */
    private boolean oneCase(int from, int to) {
      int upper = 0;
      int lower = 0;
      boolean firstUpper = false;
      for (int k = from; k < to; k++) {
        if (c[k] >= 'A' && c[k] <= 'Z') {
          upper++;
          firstUpper |= upper + lower == 1;
        } else if (c[k] >= 'a' && c[k] <= 'z') {
          lower++;
        }
      }
      return upper == 0 || lower == 0 || (upper == 1 && firstUpper);
    }

    /** Whether the gap [from, to) between two tokens is a short run of separators. */
    private boolean joined(int from, int to) {
      if (to - from > MAX_JOIN) {
        return false;
      }
      for (int k = from; k < to; k++) {
        if (!isJoin(c[k])) {
          return false;
        }
      }
      return true;
    }

    // ---- e-mail addresses ----------------------------------------------------------------------

    void emails() {
      Folded e = atForms();
      char[] x = e.c;
      int m = e.length;
      for (int i = 0; i < m && !done(); i++) {
        if (x[i] != '@') {
          continue;
        }
        int l = i;
        if (l > 0 && x[l - 1] == ' ') {
          l--; // "name @ example.org"
        }
        int ls = l;
        while (ls > 0 && isLocal(x[ls - 1])) {
          ls--;
        }
        while (ls < l && x[ls] == '.') {
          ls++;
        }
        int r = i + 1;
        if (r < m && x[r] == ' ') {
          r++;
        }
        int re = r;
        while (re < m && (isAlnum(x[re]) || x[re] == '.' || x[re] == '-')) {
          re++;
        }
        while (re > r && (x[re - 1] == '.' || x[re - 1] == '-')) {
          re--;
        }
        if (ls < l && isDomain(x, r, re)) {
          found.add(new Match(EMAIL, f.start(e.start(ls)), f.end(e.end(re - 1) - 1)));
        }
      }
    }

    /** The value with (at), [at], {at}, &lt;at&gt; read as '@' and (dot) and the like as '.'. */
    private Folded atForms() {
      char[] out = new char[n];
      int[] from = new int[n];
      int[] to = new int[n];
      int k = 0;
      for (int i = 0; i < n; ) {
        int w = bracketWord(i, "at");
        char r = '@';
        if (w == 0) {
          w = bracketWord(i, "dot");
          r = '.';
        }
        if (w > 0) {
          int s = i;
          int e = i + w;
          // "name (at) example": the spaces around the bracket go too
          while (k > 0 && out[k - 1] == ' ') {
            k--;
            s = from[k];
          }
          while (e < n && c[e] == ' ') {
            e++;
          }
          out[k] = r;
          from[k] = s;
          to[k] = e;
          k++;
          i = e;
        } else {
          out[k] = c[i];
          from[k] = i;
          to[k] = i + 1;
          k++;
          i++;
        }
      }
      return new Folded(out, k, from, to);
    }

    /** Length of "(word)" (any of the four brackets, either case) at i, or 0. */
    private int bracketWord(int i, String word) {
      char open = c[i];
      char close;
      switch (open) {
        case '(' -> close = ')';
        case '[' -> close = ']';
        case '{' -> close = '}';
        case '<' -> close = '>';
        default -> {
          return 0;
        }
      }
      int w = word.length();
      if (i + w + 1 >= n || c[i + w + 1] != close) {
        return 0;
      }
      for (int k = 0; k < w; k++) {
        if (Character.toLowerCase(c[i + 1 + k]) != word.charAt(k)) {
          return 0;
        }
      }
      return w + 2;
    }

    private static boolean isDomain(char[] x, int s, int e) {
      int dot = -1;
      for (int i = s; i < e; i++) {
        if (x[i] == '.') {
          if (i == s || x[i - 1] == '.') {
            return false;
          }
          dot = i;
        }
      }
      if (dot < 0 || e - dot - 1 < 2) {
        return false;
      }
      for (int i = dot + 1; i < e; i++) {
        if (!isLetter(x[i])) {
          return false;
        }
      }
      return true;
    }

    private static boolean isLocal(char ch) {
      return isAlnum(ch) || EMAIL_LOCAL.indexOf(ch) >= 0;
    }
  }

  /** Separators that may stand between the parts of one identifier. */
  private static boolean isJoin(char ch) {
    switch (ch) {
      case ' ',
          '\t',
          '\n',
          '\r',
          '.',
          '-',
          '_',
          '/',
          '(',
          ')',
          ',',
          '+',
          ':',
          ';',
          '\'',
          '*',
          '|',
          '[',
          ']',
          '"' -> {
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  private static boolean isDigit(char ch) {
    return ch >= '0' && ch <= '9';
  }

  private static boolean isLetter(char ch) {
    return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
  }

  private static boolean isAlnum(char ch) {
    return isDigit(ch) || isLetter(ch);
  }

  /** The NHS modulus-11 check over 10 digits. */
  static boolean nhsCheckDigitOk(int[] d) {
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
   * Outward code A9, A99, AA9, AA99, A9A or AA9A then inward code 9AA (upper case, no spaces), or
   * GIR0AA.
   */
  static boolean isPostcode(char[] p, int n) {
    if (n < 5 || n > 7) {
      return false;
    }
    if (n == 6
        && p[0] == 'G'
        && p[1] == 'I'
        && p[2] == 'R'
        && p[3] == '0'
        && p[4] == 'A'
        && p[5] == 'A') {
      return true;
    }
    if (!isDigit(p[n - 3])
        || INWARD_LETTERS.indexOf(p[n - 2]) < 0
        || INWARD_LETTERS.indexOf(p[n - 1]) < 0) {
      return false;
    }
    char a = p[0];
    if (!isUpper(a) || "QVX".indexOf(a) >= 0) {
      return false;
    }
    switch (n - 3) {
      case 2: // A9
        return isDigit(p[1]);
      case 3: // A99, A9A, AA9
        return (isDigit(p[1]) && (isDigit(p[2]) || isUpper(p[2])))
            || (secondLetter(p[1]) && isDigit(p[2]));
      case 4: // AA99, AA9A
        return secondLetter(p[1]) && isDigit(p[2]) && (isDigit(p[3]) || isUpper(p[3]));
      default:
        return false;
    }
  }

  private static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  private static boolean secondLetter(char c) {
    return isUpper(c) && "IJZ".indexOf(c) < 0;
  }
}
