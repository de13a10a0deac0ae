package org.odtrial.ingest.queries;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.odtrial.ingest.output.CsvCells;

/**
 * A site's answered query list as read from a file, before its answers are checked: the header and
 * the rows with their line numbers, or the problems that stopped reading. Read in memory: a query
 * list is a site's, thousands of rows at most.
 *
 * @param name the file's name, for messages
 * @param header the header cells
 * @param rows the data rows (blank rows left out)
 * @param problems what made the file unreadable (then rows may be incomplete)
 */
public record AnswerSheet(
    String name, List<String> header, List<Row> rows, List<ImportProblem> problems) {

  /**
   * One data row.
   *
   * @param line its line in the file (header = 1), or row number in a spreadsheet
   * @param cells its cells, as text
   */
  public record Row(long line, List<String> cells) {}

  public AnswerSheet {
    header = List.copyOf(header);
    rows = List.copyOf(rows);
    problems = List.copyOf(problems);
  }

  /**
   * Reads a CSV file written by odtrial and edited by a site: UTF-8 (with or without a byte-order
   * mark), comma- or semicolon-separated (as a spreadsheet set to a European locale saves it), RFC
   * 4180 quoting. Every way it can be broken becomes a problem, never an exception.
   */
  public static AnswerSheet readCsv(Path file) {
    String name = String.valueOf(file.getFileName());
    List<ImportProblem> problems = new ArrayList<>();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      problems.add(ImportProblem.error(0, null, null, "no such file: " + file));
      return new AnswerSheet(name, List.of(), List.of(), problems);
    } catch (IOException | SecurityException e) {
      problems.add(
          ImportProblem.error(
              0, null, null, "cannot read " + file + " (" + e.getClass().getSimpleName() + ")"));
      return new AnswerSheet(name, List.of(), List.of(), problems);
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      problems.add(
          ImportProblem.error(
              lineOfFirstBadByte(bytes),
              null,
              null,
              "the file is not UTF-8 text (as Excel's plain 'CSV' on Windows saves it); save it"
                  + " as 'CSV UTF-8 (Comma delimited)' and import it again"));
      return new AnswerSheet(name, List.of(), List.of(), problems);
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    if (text.isBlank()) {
      problems.add(ImportProblem.error(1, null, null, "the file is empty: no header row"));
      return new AnswerSheet(name, List.of(), List.of(), problems);
    }
    String firstLine = text.lines().findFirst().orElse("");
    char delimiter = firstLine.indexOf(',') < 0 && firstLine.indexOf(';') >= 0 ? ';' : ',';
    CSVFormat format =
        CSVFormat.RFC4180
            .builder()
            .setDelimiter(delimiter)
            .setIgnoreEmptyLines(true)
            .setTrim(false)
            .get();
    List<String> header = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    try (Reader reader = new java.io.StringReader(text);
        CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
      Iterator<CSVRecord> it = parser.iterator();
      long line = 1;
      int scanned = 0; // characters counted into line so far
      try {
        if (it.hasNext()) {
          header.addAll(it.next().toList());
        }
        while (it.hasNext()) {
          CSVRecord r = it.next();
          for (; scanned < r.getCharacterPosition(); scanned++) {
            if (text.charAt(scanned) == '\n') {
              line++;
            }
          }
          // cells odtrial wrote with a leading quote (CsvCells) read back as they were
          rows.add(new Row(line, r.stream().map(CsvCells::plain).toList()));
        }
      } catch (UncheckedIOException e) {
        problems.add(
            ImportProblem.error(
                parser.getCurrentLineNumber(),
                null,
                null,
                "broken quoting after line "
                    + line
                    + " (a quote is not closed, or text follows a closing quote); nothing after"
                    + " it was read"));
      }
    } catch (IOException e) {
      problems.add(
          ImportProblem.error(0, null, null, "cannot read " + file + ": " + e.getMessage()));
    }
    return new AnswerSheet(name, header, rows, problems);
  }

  /** The line of the first byte sequence that is not UTF-8: lines of the valid prefix, plus one. */
  private static long lineOfFirstBadByte(byte[] bytes) {
    int end = 0;
    while (end < bytes.length) {
      int b = bytes[end] & 0xff;
      int len =
          b < 0x80 ? 1 : b >= 0xC2 && b < 0xE0 ? 2 : b >= 0xE0 && b < 0xF0 ? 3 : b < 0xF5 ? 4 : -1;
      if (b >= 0x80 && b < 0xC2 || len < 0 || end + len > bytes.length) {
        break;
      }
      boolean ok = true;
      for (int k = 1; k < len; k++) {
        ok &= (bytes[end + k] & 0xC0) == 0x80;
      }
      if (!ok) {
        break;
      }
      end += len;
    }
    long line = 1;
    for (int i = 0; i < end; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return line;
  }

  /** The index of a header column (exact name, case and surrounding spaces ignored), or -1. */
  int column(String name) {
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).strip().toLowerCase(Locale.ROOT).equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
