package org.odtrial.cli.format;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.odtrial.ingest.output.AtomicFiles;
import org.odtrial.ingest.output.CsvCells;
import org.odtrial.ingest.queries.AnswerSheet;
import org.odtrial.ingest.queries.ImportProblem;
import org.odtrial.ingest.validate.Severity;

/**
 * A site's query list as CSV or as an Excel workbook (.xlsx, written with Apache POI's streaming
 * SXSSF: rows are flushed to disk as they come, only the distinct texts stay in memory): one query
 * a row, with the columns a site needs to find each record and answer it. The site fills in {@code
 * status} (confirmed or will-correct) and {@code answer}; {@code odtrial queries import} reads the
 * file back.
 */
public final class QueryList {
  /** The columns, in order. */
  public static final List<String> HEADER =
      List.of(
          "query_id",
          "site",
          "file",
          "line",
          "record",
          "column",
          "rule",
          "severity",
          "message",
          "root_id",
          "status",
          "answer");

  /** Statuses offered in the workbook's status column. */
  private static final String[] STATUSES = {"new", "open", "will-correct", "confirmed", "resolved"};

  /** Column widths in characters. */
  private static final int[] WIDTHS = {16, 10, 20, 7, 18, 16, 24, 9, 80, 16, 14, 50};

  private static final String HOW_TO =
      "How to answer: for each query, check the record in your system. If the value is correct,"
          + " set status to confirmed and say why in answer; if it is wrong, set status to"
          + " will-correct (and correct it in the next upload). Leave the other columns as they"
          + " are, and send the file back as it is (.xlsx, or CSV UTF-8).";

  private QueryList() {}

  /** Receives the rows of one list, then is closed to finish the file. */
  public interface RowWriter extends AutoCloseable {
    void add(QueryRow row) throws IOException;

    @Override
    void close() throws IOException;
  }

  /** A CSV list (RFC 4180, LF line ends, UTF-8) on {@code out}; closing flushes. */
  public static RowWriter csv(Writer out) throws IOException {
    CSVPrinter p = new CSVPrinter(out, FindingsFormat.csvFormat());
    p.printRecord(HEADER);
    return new RowWriter() {
      @Override
      public void add(QueryRow r) throws IOException {
        List<Object> values = values(r);
        List<Object> cells = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
          Object v = values.get(i);
          cells.add(v instanceof String text ? CsvCells.text(text) : v);
        }
        p.printRecord(cells);
      }

      @Override
      public void close() throws IOException {
        p.flush();
      }
    };
  }

  /** The row's values in {@link #HEADER} order, missing ones empty. */
  private static List<Object> values(QueryRow r) {
    return List.of(
        r.queryId(),
        FindingsFormat.nullToEmpty(r.site()),
        r.file(),
        r.line(),
        FindingsFormat.nullToEmpty(r.record()),
        FindingsFormat.nullToEmpty(r.column()),
        r.rule(),
        r.severity(),
        r.message(),
        FindingsFormat.nullToEmpty(r.rootId()),
        r.status(),
        FindingsFormat.nullToEmpty(r.answer()));
  }

  /**
   * An Excel workbook written to {@code file} when closed: a "queries" sheet (header frozen and
   * filterable, a drop-down of statuses) and a "how to answer" sheet. The bytes depend only on the
   * rows: fixed document dates and zip entry times.
   */
  public static RowWriter xlsx(Path file) {
    // shared strings rather than inline ones: a workbook with inline strings that POI-based tools
    // edit loses the edits; the table holds each distinct text once (a site's list is small)
    SXSSFWorkbook wb = new SXSSFWorkbook(null, 200, false, true);
    var core = wb.getXSSFWorkbook().getProperties().getCoreProperties();
    core.setCreated(Optional.of(new Date(FIXED_MILLIS)));
    core.setCreator("odtrial");
    SXSSFSheet sheet = wb.createSheet("queries");
    sheet.createFreezePane(0, 1);
    for (int i = 0; i < WIDTHS.length; i++) {
      sheet.setColumnWidth(i, WIDTHS[i] * 256);
    }
    CellStyle head = wb.createCellStyle();
    Font bold = wb.createFont();
    bold.setBold(true);
    head.setFont(bold);
    head.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
    head.setFillPattern(FillPatternType.SOLID_FOREGROUND);
    head.setBorderBottom(BorderStyle.THIN);
    CellStyle answer = wb.createCellStyle();
    answer.setFillForegroundColor(IndexedColors.LIGHT_YELLOW.getIndex());
    answer.setFillPattern(FillPatternType.SOLID_FOREGROUND);
    Row header = sheet.createRow(0);
    for (int i = 0; i < HEADER.size(); i++) {
      Cell c = header.createCell(i);
      c.setCellValue(HEADER.get(i));
      c.setCellStyle(head);
    }
    int status = HEADER.indexOf("status");
    DataValidationHelper dvh = sheet.getDataValidationHelper();
    DataValidationConstraint list = dvh.createExplicitListConstraint(STATUSES);
    DataValidation validation =
        dvh.createValidation(list, new CellRangeAddressList(1, 1_048_575, status, status));
    validation.setShowErrorBox(true);
    validation.createErrorBox("status", "Choose confirmed or will-correct (or leave it).");
    sheet.addValidationData(validation);
    SXSSFSheet help = wb.createSheet("how to answer");
    help.setColumnWidth(0, 120 * 256);
    help.createRow(0).createCell(0).setCellValue(HOW_TO);
    int[] rows = {0};
    return new RowWriter() {
      @Override
      public void add(QueryRow r) {
        Row row = sheet.createRow(++rows[0]);
        List<Object> values = values(r);
        for (int i = 0; i < values.size(); i++) {
          Cell c = row.createCell(i);
          Object v = values.get(i);
          if (v instanceof Long n) {
            c.setCellValue(n);
          } else {
            c.setCellValue((String) v); // a text cell, never run as a formula
          }
          if (i >= status) {
            c.setCellStyle(answer);
          }
        }
      }

      @Override
      public void close() throws IOException {
        sheet.setAutoFilter(new CellRangeAddress(0, Math.max(rows[0], 1), 0, HEADER.size() - 1));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
          // Shared strings are numbered as rows are flushed, and write() flushes the sheets in
          // the order of a HashMap keyed by identity: flush them in sheet order first, so the same
          // list gives the same bytes.
          sheet.flushRows();
          help.flushRows();
          wb.write(bytes);
        } finally {
          wb.dispose();
          wb.close();
        }
        byte[] xlsx = sameBytesForSameContent(bytes.toByteArray());
        AtomicFiles.write(file, out -> out.write(xlsx)); // whole or not at all
      }
    };
  }

  private static final long FIXED_MILLIS = 946_684_800_000L; // 2000-01-01T00:00:00Z
  private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

  /**
   * POI stamps the current time on every zip entry: rewrite the package with entries in name order
   * and one fixed time, so the same list gives the same bytes.
   */
  static byte[] sameBytesForSameContent(byte[] zip) throws IOException {
    // read through the central directory: SXSSF's local headers carry no sizes
    Path tmp = Files.createTempFile("odtrial-", ".xlsx");
    try {
      Files.write(tmp, zip);
      Map<String, byte[]> entries = new TreeMap<>();
      try (ZipFile in = new ZipFile(tmp.toFile())) {
        for (ZipEntry e : java.util.Collections.list(in.entries())) {
          try (InputStream data = in.getInputStream(e)) {
            entries.put(e.getName(), data.readAllBytes());
          }
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (ZipOutputStream z = new ZipOutputStream(out)) {
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
          ZipEntry entry = new ZipEntry(e.getKey());
          entry.setTimeLocal(ENTRY_TIME);
          z.putNextEntry(entry);
          z.write(e.getValue());
        }
      }
      return out.toByteArray();
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Reads an answered workbook: the sheet named "queries" (else the first), its first row as the
   * header, cells as text as Excel shows them. A file that is not a readable workbook becomes a
   * problem, never an exception.
   */
  public static AnswerSheet readXlsx(Path file) {
    String name = String.valueOf(file.getFileName());
    List<ImportProblem> problems = new ArrayList<>();
    List<String> header = new ArrayList<>();
    List<AnswerSheet.Row> rows = new ArrayList<>();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException | SecurityException e) {
      problems.add(
          new ImportProblem(
              Severity.ERROR,
              0,
              null,
              null,
              "cannot read " + file + " (" + e.getClass().getSimpleName() + ")"));
      return new AnswerSheet(name, header, rows, problems);
    }
    try (InputStream in = new ByteArrayInputStream(bytes);
        Workbook wb = WorkbookFactory.create(in)) {
      Sheet sheet = wb.getSheet("queries");
      if (sheet == null) {
        sheet = wb.getNumberOfSheets() == 0 ? null : wb.getSheetAt(0);
      }
      if (sheet == null || sheet.getPhysicalNumberOfRows() == 0) {
        problems.add(
            new ImportProblem(Severity.ERROR, 1, null, null, "the workbook has no header row"));
        return new AnswerSheet(name, header, rows, problems);
      }
      DataFormatter text = new DataFormatter(java.util.Locale.ROOT);
      Row first = sheet.getRow(sheet.getFirstRowNum());
      int width = first.getLastCellNum();
      for (int i = 0; i < width; i++) {
        header.add(text.formatCellValue(first.getCell(i)));
      }
      for (int r = sheet.getFirstRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
        Row row = sheet.getRow(r);
        if (row == null) {
          continue;
        }
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < width; i++) {
          cells.add(text.formatCellValue(row.getCell(i)));
        }
        rows.add(new AnswerSheet.Row(r + 1L, cells));
      }
    } catch (IOException | RuntimeException e) {
      // POI reports a broken or foreign file with assorted runtime exceptions
      problems.add(
          new ImportProblem(
              Severity.ERROR,
              0,
              null,
              null,
              name
                  + " is not a readable Excel workbook (.xlsx): "
                  + e.getClass().getSimpleName()
                  + "; save it from Excel as .xlsx, or as CSV UTF-8"));
    }
    return new AnswerSheet(name, header, rows, problems);
  }
}
