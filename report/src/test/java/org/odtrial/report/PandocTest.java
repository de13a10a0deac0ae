package org.odtrial.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.report.internal.Cell;
import org.odtrial.report.internal.Context;
import org.odtrial.report.internal.Row;
import org.odtrial.report.internal.Table;
import org.odtrial.report.internal.Tables;

/**
 * report.docx read by pandoc (Debian's package, as a journal's or a co-author's toolchain would):
 * every table becomes a Markdown table with every cell of the report's table, in order, and every
 * table title a level-2 heading.
 */
class PandocTest {
  @TempDir Path tmp;

  @Test
  void pandocReadsEveryCellOfEveryWordTable() throws Exception {
    check(ExampleReport.input(Blinding.none()), ExampleReport.reportFolder());
  }

  @Test
  void pandocReadsTheBlindedReportToo() throws Exception {
    ReportInput in = ExampleReport.input(Blinding.of("Arm B"));
    ReportWriter.of(in).writeTo(tmp);
    check(in, tmp);
  }

  /** Reads the report.docx that {@code in} gave in {@code dir}. */
  private static void check(ReportInput in, Path dir) throws Exception {
    Path pandoc = ExternalTool.require("pandoc");
    Process p =
        new ProcessBuilder(
                pandoc.toString(),
                "--from=docx",
                "--to=gfm",
                "--wrap=none",
                dir.resolve("report.docx").toString())
            .redirectErrorStream(true)
            .start();
    String md = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(md).isZero();
    Map<String, List<List<String>>> read = tables(md);
    List<Table> expected = Tables.all(new Context(in));
    assertThat(read.keySet())
        .containsExactlyElementsOf(expected.stream().map(Table::caption).toList());
    for (Table t : expected) {
      List<List<String>> want = new ArrayList<>();
      want.add(t.headerTexts());
      for (Row r : t.rows()) {
        List<String> cells = new ArrayList<>();
        cells.add(r.label() + sup(t.marks(r.notes())));
        for (Cell c : r.cells()) {
          cells.add(c.text() + sup(t.marks(c.notes())));
        }
        want.add(cells);
      }
      assertThat(read.get(t.caption())).as(t.caption()).isEqualTo(want);
    }
  }

  private static String sup(String marks) {
    return marks.isEmpty() ? "" : "<sup>" + marks + "</sup>";
  }

  /** Pipe tables under each "## " heading, cells unescaped and without emphasis markers. */
  private static Map<String, List<List<String>>> tables(String md) {
    Map<String, List<List<String>>> out = new LinkedHashMap<>();
    String heading = null;
    for (String line : md.split("\n")) {
      if (line.startsWith("## ")) {
        heading = line.substring(3).strip();
      } else if (line.startsWith("|") && heading != null) {
        if (line.matches("\\|[-:| ]+\\|")) {
          continue; // the delimiter row
        }
        List<String> cells = new ArrayList<>();
        String inner = line.substring(1, line.length() - 1);
        for (String cell : inner.split("(?<!\\\\)\\|", -1)) {
          cells.add(unescape(cell.strip()));
        }
        out.computeIfAbsent(heading, k -> new ArrayList<>()).add(cells);
      }
    }
    return out;
  }

  private static String unescape(String s) {
    return s.replace("**", "").replaceAll("(?<!\\\\)\\*", "").replaceAll("\\\\(.)", "$1");
  }
}
