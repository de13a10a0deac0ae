package org.odtrial.ingest.validate;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.generate.GeneratorOptions;
import org.odtrial.ingest.generate.TrialGenerator;
import org.odtrial.ingest.validate.internal.DirectIdentifiers;

/**
 * The corpus on which direct-identifier detection is measured (figures in docs/data-dictionary.md):
 * planted identifiers in every disguise a careless user or an evader would use, and clean values
 * that must pass (every cell of generated trials, ids of common trial numbering schemes, dates,
 * numbers and short texts). Seeded: the same corpus every run. {@code main} prints the figures.
 */
final class IdentifierCorpus {
  private IdentifierCorpus() {}

  /** A planted identifier: its family (what disguise) and the cell text. */
  record Planted(String family, String kind, String cell) {}

  static final List<String> NHS = List.of("9434765919", "4010232137", "4505577104", "6009102847");
  static final List<String> POSTCODES =
      List.of("SW1A 1AA", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "W1A 0AX", "EC1A 1BB");
  static final List<String> EMAILS =
      List.of("someone@example.com", "jo.bloggs@nhs.net", "a+b@example.co.uk");
  static final List<String> PHONES =
      List.of("07700 900123", "020 7946 0958", "0161 496 0000", "01632 960123", "0300 123 4567");

  private static final String[] SEPARATORS = {
    "", " ", "\u00A0", "\u202F", "\u2009", ".", "-", "_", "/", "\u2013", "\u200B", "  ", " - "
  };
  private static final String[] PREFIXES = {
    "NHS", "NHS ", "NHS no. ", "nhs#", "NHS:", "P", "ID-", "(", "[", "tel.", "Tel: ", "mob ", "x"
  };
  private static final String[] SUFFIXES = {"", ".", ")", ",", " ok", "-V1", "]"};

  /** Every planted identifier, in a fixed order. */
  static List<Planted> planted() {
    List<Planted> out = new ArrayList<>();
    // the failures named in issue 9
    out.add(new Planted("issue 9", DirectIdentifiers.NHS_NUMBER, "NHS9434765919"));
    out.add(new Planted("issue 9", DirectIdentifiers.NHS_NUMBER, "943_476_5919"));
    out.add(new Planted("issue 9", DirectIdentifiers.POSTCODE, "SW1A-1AA"));
    out.add(new Planted("issue 9", DirectIdentifiers.NHS_NUMBER, "NHS no. 943 476 5919."));
    out.add(new Planted("issue 9", DirectIdentifiers.POSTCODE, "lives at SW1A\u00A01AA"));
    out.add(new Planted("issue 9", DirectIdentifiers.EMAIL, "(someone@example.com)"));
    for (String nhs : NHS) {
      String g334 = nhs.substring(0, 3) + "|" + nhs.substring(3, 6) + "|" + nhs.substring(6);
      for (String sep : SEPARATORS) {
        out.add(
            new Planted(
                "NHS number, 3-3-4 separated",
                DirectIdentifiers.NHS_NUMBER,
                g334.replace("|", sep)));
      }
      for (String p : PREFIXES) {
        for (String s : SUFFIXES) {
          out.add(
              new Planted("NHS number, prefix/suffix", DirectIdentifiers.NHS_NUMBER, p + nhs + s));
          out.add(
              new Planted(
                  "NHS number, prefix/suffix",
                  DirectIdentifiers.NHS_NUMBER,
                  p + g334.replace("|", " ") + s));
        }
      }
      out.add(
          new Planted(
              "NHS number, full-width digits", DirectIdentifiers.NHS_NUMBER, fullWidth(nhs)));
      out.add(
          new Planted(
              "NHS number, spaced out",
              DirectIdentifiers.NHS_NUMBER,
              String.join(" ", nhs.split(""))));
      out.add(
          new Planted(
              "NHS number, other groupings",
              DirectIdentifiers.NHS_NUMBER,
              nhs.substring(0, 6) + " " + nhs.substring(6)));
      out.add(
          new Planted(
              "NHS number, other groupings",
              DirectIdentifiers.NHS_NUMBER,
              nhs.substring(0, 5) + "-" + nhs.substring(5)));
      out.add(
          new Planted(
              "NHS number, in text",
              DirectIdentifiers.NHS_NUMBER,
              "seen 2021-03-04, NHS number " + g334.replace("|", " ") + ", GP-0417"));
    }
    for (String pc : POSTCODES) {
      String[] parts = pc.split(" ");
      for (String sep : SEPARATORS) {
        out.add(
            new Planted(
                "postcode, separated", DirectIdentifiers.POSTCODE, parts[0] + sep + parts[1]));
        out.add(
            new Planted(
                "postcode, separated",
                DirectIdentifiers.POSTCODE,
                (parts[0] + sep + parts[1]).toLowerCase(Locale.ROOT)));
      }
      for (String p : new String[] {"P-", "(", "at ", "GP_", "x "}) {
        for (String s : SUFFIXES) {
          out.add(new Planted("postcode, prefix/suffix", DirectIdentifiers.POSTCODE, p + pc + s));
        }
      }
      out.add(new Planted("postcode, full-width", DirectIdentifiers.POSTCODE, fullWidth(pc)));
      out.add(
          new Planted(
              "postcode, spaced out",
              DirectIdentifiers.POSTCODE,
              String.join(" ", pc.replace(" ", "").split(""))));
    }
    for (String e : EMAILS) {
      String[] at = e.split("@");
      String domain = at[1];
      out.add(new Planted("e-mail", DirectIdentifiers.EMAIL, e));
      out.add(new Planted("e-mail", DirectIdentifiers.EMAIL, e.toUpperCase(Locale.ROOT)));
      out.add(new Planted("e-mail, punctuated", DirectIdentifiers.EMAIL, "(" + e + ")"));
      out.add(new Planted("e-mail, punctuated", DirectIdentifiers.EMAIL, "<" + e + ">"));
      out.add(new Planted("e-mail, punctuated", DirectIdentifiers.EMAIL, "mailto:" + e));
      out.add(new Planted("e-mail, punctuated", DirectIdentifiers.EMAIL, "write to " + e + "."));
      out.add(new Planted("e-mail, punctuated", DirectIdentifiers.EMAIL, "'" + e + "';"));
      out.add(new Planted("e-mail, spaced", DirectIdentifiers.EMAIL, at[0] + " @ " + domain));
      out.add(
          new Planted("e-mail, full-width @", DirectIdentifiers.EMAIL, at[0] + "\uFF20" + domain));
      out.add(new Planted("e-mail, (at)", DirectIdentifiers.EMAIL, at[0] + " (at) " + domain));
      out.add(new Planted("e-mail, (at)", DirectIdentifiers.EMAIL, at[0] + "[at]" + domain));
      out.add(
          new Planted(
              "e-mail, (at)",
              DirectIdentifiers.EMAIL,
              at[0] + " [AT] " + domain.replace(".", " (dot) ")));
    }
    for (String ph : PHONES) {
      String digits = ph.replace(" ", "");
      for (String sep : SEPARATORS) {
        out.add(new Planted("phone, separated", DirectIdentifiers.PHONE, ph.replace(" ", sep)));
      }
      for (String p : new String[] {"tel.", "Tel: ", "mob ", "phone:", "T", "(", "call "}) {
        for (String s : SUFFIXES) {
          out.add(new Planted("phone, prefix/suffix", DirectIdentifiers.PHONE, p + ph + s));
        }
      }
      String intl = digits.substring(1);
      out.add(new Planted("phone, +44", DirectIdentifiers.PHONE, "+44 " + intl));
      out.add(new Planted("phone, +44", DirectIdentifiers.PHONE, "+44 (0)" + intl));
      out.add(new Planted("phone, +44", DirectIdentifiers.PHONE, "+44-" + intl));
      out.add(new Planted("phone, +44", DirectIdentifiers.PHONE, "tel:+44" + intl));
      out.add(new Planted("phone, +44", DirectIdentifiers.PHONE, "0044 " + intl));
      out.add(
          new Planted(
              "phone, bracketed", DirectIdentifiers.PHONE, "(" + ph.replaceFirst(" ", ") ")));
      out.add(new Planted("phone, full-width", DirectIdentifiers.PHONE, fullWidth(ph)));
    }
    return out;
  }

  /** Full-width forms of ASCII letters, digits and '@' (U+FF01-U+FF5E); a space stays a space. */
  static String fullWidth(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      b.append(c > ' ' && c < 0x7F ? (char) (c + 0xFEE0) : c);
    }
    return b.toString();
  }

  /** A clean corpus: its name and values, each of which must pass. */
  record Clean(String name, List<String> values) {}

  /** Ids, dates, numbers and texts of real trials; seeded. */
  static List<Clean> cleanValues() {
    Random r = new Random(20261202);
    List<Clean> out = new ArrayList<>();
    out.add(
        new Clean(
            "participant ids P0001-P99999",
            range(1, 99_999, i -> String.format(Locale.ROOT, "P%05d", i))));
    out.add(
        new Clean(
            "cluster ids GP-0001-GP-9999",
            range(1, 9_999, i -> String.format(Locale.ROOT, "GP-%04d", i))));
    out.add(
        new Clean(
            "episode ids S0001-E1-S9999-E9",
            range(1, 89_991, i -> String.format(Locale.ROOT, "S%04d-E%d", i / 9 + 1, i % 9 + 1))));
    out.add(
        new Clean(
            "site-year-number ids 01-2019-0001",
            range(
                1,
                50_000,
                i -> String.format(Locale.ROOT, "%02d-%04d-%04d", i % 40 + 1, 2015 + i % 10, i))));
    out.add(
        new Clean(
            "trial-site-participant ids ODD-041-00001",
            range(1, 50_000, i -> String.format(Locale.ROOT, "ODD-%03d-%05d", i % 120 + 1, i))));
    out.add(
        new Clean(
            "long numeric ids 000000001-999999999 (9 digits)",
            range(
                1,
                50_000,
                i -> String.format(Locale.ROOT, "%09d", (long) (r.nextDouble() * 1e9)))));
    out.add(
        new Clean(
            "random ids of 6-12 letters and digits",
            randomIds(r, 50_000, "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", false)));
    out.add(
        new Clean(
            "random ids with - and _",
            randomIds(
                r, 50_000, "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789", true)));
    out.add(
        new Clean(
            "dates 1900-2100",
            range(0, 73_049, i -> LocalDate.of(1900, 1, 1).plusDays(i).toString())));
    out.add(new Clean("integers 0-999,999", range(0, 999_999, Integer::toString)));
    out.add(
        new Clean(
            "decimals 0.0-999.9",
            range(0, 9_999, i -> String.format(Locale.ROOT, "%d.%d", i / 10, i % 10))));
    out.add(new Clean("short texts (strata, notes)", texts(r, 20_000)));
    return out;
  }

  private interface IntText {
    String of(int i);
  }

  private static List<String> range(int from, int to, IntText f) {
    List<String> out = new ArrayList<>(to - from + 1);
    for (int i = from; i <= to; i++) {
      out.add(f.of(i));
    }
    return out;
  }

  private static List<String> randomIds(Random r, int n, String alphabet, boolean separators) {
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int len = 6 + r.nextInt(7);
      StringBuilder b = new StringBuilder(len);
      for (int k = 0; k < len; k++) {
        b.append(
            separators && k > 0 && k < len - 1 && r.nextInt(5) == 0
                ? (r.nextBoolean() ? '-' : '_')
                : alphabet.charAt(r.nextInt(alphabet.length())));
      }
      out.add(b.toString());
    }
    return out;
  }

  private static final String[] WORDS = {
    "north", "south", "urban", "rural", "band", "high", "low", "site", "wave", "stratum", "inner",
    "outer", "London", "Yorkshire", "crisis", "team", "home", "visit", "week", "to", "from", "and"
  };

  private static List<String> texts(Random r, int n) {
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int words = 1 + r.nextInt(6);
      StringBuilder b = new StringBuilder();
      for (int k = 0; k < words; k++) {
        if (k > 0) {
          b.append(r.nextInt(4) == 0 ? ", " : " ");
        }
        switch (r.nextInt(6)) {
          case 0 -> b.append(r.nextInt(100));
          case 1 -> b.append(LocalDate.of(2019, 1, 1).plusDays(r.nextInt(1500)));
          case 2 -> b.append(String.format(Locale.ROOT, "%,d", r.nextInt(2_000_000)));
          default -> b.append(WORDS[r.nextInt(WORDS.length)]);
        }
      }
      out.add(b.toString());
    }
    return out;
  }

  /** Every cell (and header name) of generated clean trials. */
  static Clean generatedTrialCells(Path dir, int trials, int participants) {
    List<String> cells = new ArrayList<>();
    for (int t = 0; t < trials; t++) {
      Path d = dir.resolve("trial-" + t);
      TrialGenerator.of(GeneratorOptions.of(Math.max(1, participants / 50), participants, 1000 + t))
          .writeTo(d);
      for (TrialFile f : TrialFile.values()) {
        try (Reader in = Files.newBufferedReader(d.resolve(f.fileName()), StandardCharsets.UTF_8)) {
          for (CSVRecord rec : CSVFormat.RFC4180.parse(in)) {
            for (String v : rec) {
              if (!v.isEmpty()) {
                cells.add(v);
              }
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return new Clean(
        String.format(
            Locale.ROOT,
            "every cell of %d generated trials of %,d participants",
            trials,
            participants),
        cells);
  }

  /** Flagged / total per corpus. */
  static Map<String, long[]> falsePositives(List<Clean> corpora, Predicate<String> flagged) {
    Map<String, long[]> out = new LinkedHashMap<>();
    for (Clean c : corpora) {
      long hits = c.values().stream().filter(flagged).count();
      out.put(c.name(), new long[] {hits, c.values().size()});
    }
    return out;
  }

  /** Prints the figures of docs/data-dictionary.md. */
  public static void main(String[] args) throws IOException {
    List<Planted> planted = planted();
    Map<String, long[]> byFamily = new LinkedHashMap<>();
    for (Planted p : planted) {
      long[] c = byFamily.computeIfAbsent(p.family(), k -> new long[2]);
      c[1]++;
      if (p.kind().equals(DirectIdentifiers.kind(p.cell()))) {
        c[0]++;
      }
    }
    System.out.println("| planted | detected |");
    System.out.println("|---|---:|");
    long detected = 0;
    for (Map.Entry<String, long[]> e : byFamily.entrySet()) {
      detected += e.getValue()[0];
      System.out.printf(
          Locale.ROOT, "| %s | %d of %d |%n", e.getKey(), e.getValue()[0], e.getValue()[1]);
    }
    System.out.printf(Locale.ROOT, "| **all** | **%d of %d** |%n%n", detected, planted.size());
    List<Clean> clean = new ArrayList<>(cleanValues());
    Path tmp = Files.createTempDirectory("corpus");
    clean.add(0, generatedTrialCells(tmp, 3, 2_000));
    System.out.println("| clean corpus | values | flagged |");
    System.out.println("|---|---:|---:|");
    for (Map.Entry<String, long[]> e :
        falsePositives(clean, v -> DirectIdentifiers.kind(v) != null).entrySet()) {
      System.out.printf(
          Locale.ROOT,
          "| %s | %,d | %,d (%.4f%%) |%n",
          e.getKey(),
          e.getValue()[1],
          e.getValue()[0],
          100.0 * e.getValue()[0] / e.getValue()[1]);
    }
    for (Clean c : clean) {
      c.values().stream()
          .filter(v -> DirectIdentifiers.kind(v) != null)
          .limit(5)
          .forEach(v -> System.out.println("  flagged in " + c.name() + ": " + v));
    }
  }
}
