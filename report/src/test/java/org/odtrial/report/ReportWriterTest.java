package org.odtrial.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.ExampleTrialData;
import org.odtrial.analysis.results.RowId;
import org.odtrial.report.internal.Context;
import org.odtrial.report.internal.Table;
import org.odtrial.report.internal.Tables;

/** The files of a report: names, reproducibility, provenance, and what each format must hold. */
class ReportWriterTest {
  @TempDir Path tmp;

  static final List<String> FILES =
      List.of(
          "report.html",
          "report.md",
          "report.tex",
          "report.docx",
          "provenance.csv",
          "table-1-consort.csv",
          "table-2-baseline.csv",
          "table-3-relapse.csv",
          "table-4-hospitalisation.csv",
          "table-5-recovery.csv",
          "table-6-meetings.csv",
          "table-7-estimands.csv",
          "table-8-sensitivity.csv",
          "table-9-subgroups.csv",
          "figure-1-consort.svg",
          "figure-1-consort.png",
          "figure-2-km.svg",
          "figure-2-km.png",
          "figure-2-km-data-od.csv",
          "figure-2-km-data-tau.csv",
          "figure-3-cif.svg",
          "figure-3-cif.png",
          "figure-3-cif-data-od.csv",
          "figure-3-cif-data-tau.csv",
          "figure-4-forest.svg",
          "figure-4-forest.png",
          "figure-5-subgroups.svg",
          "figure-5-subgroups.png");

  static Map<String, String> hashes(List<Path> files) throws Exception {
    Map<String, String> out = new TreeMap<>();
    for (Path f : files) {
      out.put(
          f.getFileName().toString(),
          HexFormat.of()
              .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
    }
    return out;
  }

  static String read(Path dir, String name) throws IOException {
    return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
  }

  /** Every zip entry's text, by name. */
  static Map<String, String> unzip(Path zip) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        out.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  @Test
  void versionOneResultsHaveNoSubgroupTableOrFigure() throws Exception {
    List<Path> files = ReportWriter.of(ExampleReport.inputV1(Blinding.none())).writeTo(tmp);
    // the plan's estimands and their sensitivity analyses (those version 1 lacks "not estimated")
    assertThat(files.stream().map(p -> p.getFileName().toString()))
        .contains("table-7-estimands.csv", "table-8-sensitivity.csv", "figure-3-forest.svg")
        .doesNotContain("table-9-subgroups.csv", "figure-3-cif.svg")
        .noneMatch(n -> n.startsWith("figure-4"));
    assertThat(Pattern.compile("<table").matcher(read(tmp, "report.html")).results().count())
        .isEqualTo(8);
    assertThat(Pattern.compile("<svg").matcher(read(tmp, "report.html")).results().count())
        .isEqualTo(3);
  }

  @Test
  void htmlIsSelfContainedWithEveryTableAndFigureInline() throws Exception {
    String html = read(ExampleReport.reportFolder(), "report.html");
    assertThat(html)
        .doesNotContain("http://", "https://", "src=", "<link", "@import", "url(", "<script");
    assertThat(Pattern.compile("<table").matcher(html).results().count()).isEqualTo(9);
    assertThat(Pattern.compile("<svg").matcher(html).results().count()).isEqualTo(5);
    assertThat(html)
        .contains(
            ExampleReport.PROVENANCE.loadSha256(),
            ExampleReport.PROVENANCE.planSha256(),
            "<footer>");
  }

  @Test
  void everyOutputCarriesProvenance() throws Exception {
    List<Path> files = ExampleReport.report();
    String sha = ExampleReport.PROVENANCE.loadSha256();
    for (Path f : files) {
      String name = f.getFileName().toString();
      if (name.startsWith("report.") && !name.endsWith(".docx")
          || name.endsWith(".svg")
          || name.equals("provenance.csv")) {
        assertThat(Files.readString(f))
            .as(name)
            .contains(sha, ExampleReport.PROVENANCE.planSha256(), "1.0.0");
      }
    }
    assertThat(unzip(ExampleReport.reportFolder().resolve("report.docx")).get("word/document.xml"))
        .contains(sha);
  }

  @Test
  void svgFiguresAreWellFormedAtSingleColumnWidth() throws Exception {
    List<Path> files = ExampleReport.report();
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    int svgs = 0;
    for (Path p : files) {
      if (p.toString().endsWith(".svg")) {
        var doc = f.newDocumentBuilder().parse(p.toFile());
        var svg = doc.getDocumentElement();
        assertThat(svg.getLocalName()).isEqualTo("svg");
        assertThat(svg.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        // 90 mm = 255.12 pt: a journal's single column
        assertThat(svg.getAttribute("width")).isEqualTo("255.12pt");
        assertThat(doc.getElementsByTagName("metadata").item(0).getTextContent())
            .contains(ExampleReport.PROVENANCE.loadSha256());
        var texts = doc.getElementsByTagName("text");
        for (int i = 0; i < texts.getLength(); i++) {
          var t = (org.w3c.dom.Element) texts.item(i);
          assertThat(Double.parseDouble(t.getAttribute("font-size")))
              .as("font size of \"%s\" in %s", t.getTextContent(), p.getFileName())
              .isGreaterThanOrEqualTo(7);
        }
        svgs++;
      }
    }
    assertThat(svgs).isEqualTo(5);
  }

  @Test
  void pngFiguresAre600DotsPerInchOfTheirPrintedSizeWithNoTextChunks() throws Exception {
    byte[] png = Files.readAllBytes(ExampleReport.reportFolder().resolve("figure-2-km.png"));
    var img = javax.imageio.ImageIO.read(new ByteArrayInputStream(png));
    // 255.12 pt at 600 dpi
    assertThat(img.getWidth()).isEqualTo((int) Math.ceil(90 / 25.4 * 600));
    String raw = new String(png, StandardCharsets.ISO_8859_1);
    int phys = raw.indexOf("pHYs");
    assertThat(phys).isPositive();
    int perMetre = java.nio.ByteBuffer.wrap(png, phys + 4, 4).getInt(); // pixels per metre, x axis
    assertThat(perMetre).isEqualTo((int) Math.round(600 / 0.0254));
    assertThat(raw).doesNotContain("tEXt", "iTXt", "zTXt", "tIME");
  }

  @Test
  void latexIsACompleteDocumentWithLongtablesThatBreakAcrossPages() throws Exception {
    ReportInput in = ExampleReport.input(Blinding.none());
    String tex = read(ExampleReport.reportFolder(), "report.tex");
    int tables = Tables.all(new Context(in)).size();
    assertThat(tex)
        .startsWith("\\documentclass")
        .endsWith("\\end{document}\n")
        .contains("\\usepackage{booktabs}", "\\usepackage{longtable}", "\\endhead")
        .doesNotContain("\\hline", "\\begin{tabular}", "\\begin{table}", "\\resizebox");
    for (String rule : List.of("\\begin{longtable}", "\\toprule", "\\endlastfoot")) {
      // \toprule twice a table: the first page's header and the repeated header
      assertThat(Pattern.compile(Pattern.quote(rule)).matcher(tex).results().count())
          .as(rule)
          .isEqualTo(rule.equals("\\toprule") ? 2L * tables : tables);
    }
    assertThat(Pattern.compile("\\\\begin\\{(\\w+)\\}").matcher(tex).results().count())
        .isEqualTo(Pattern.compile("\\\\end\\{(\\w+)\\}").matcher(tex).results().count());
    // the table with a column per statistic of every cluster is set on a landscape page
    assertThat(tex)
        .containsPattern(
            "\\\\begin\\{landscape\\}\\n[^\\n]*\\n[^\\n]*\\n[^\\n]*\\n"
                + "\\\\begin\\{longtable\\}[^\\n]*\\n\\\\caption\\*\\{\\\\textbf\\{Table 6\\.");
    assertThat(tex).contains("\\includegraphics[width=255.1pt]{figure-2-km.png}");
  }

  @Test
  void docxHasStyledHeadingsAndGridTablesWithARepeatingHeaderRow() throws Exception {
    ReportInput in = ExampleReport.input(Blinding.none());
    List<Table> expected = Tables.all(new Context(in));
    try (InputStream stream =
            new ByteArrayInputStream(
                Files.readAllBytes(ExampleReport.reportFolder().resolve("report.docx")));
        XWPFDocument doc = new XWPFDocument(stream)) {
      List<XWPFTable> tables = doc.getTables();
      assertThat(tables).hasSize(expected.size());
      for (int i = 0; i < tables.size(); i++) {
        XWPFTable t = tables.get(i);
        assertThat(t.getNumberOfRows()).isEqualTo(1 + expected.get(i).rows().size());
        assertThat(t.getRow(0).isRepeatHeader()).isTrue();
        assertThat(t.getCTTbl().getTblGrid().sizeOfGridColArray())
            .isEqualTo(expected.get(i).columns().size() + 1);
        assertThat(t.getCTTbl().getTblPr().getTblBorders().getInsideV().getVal())
            .hasToString("single");
      }
      assertThat(tables.get(0).getRow(0).getCell(1).getText()).isEqualTo("OD");
      assertThat(doc.getStyles().getStyle("Heading1").getName()).isEqualTo("heading 1");
      assertThat(
              doc.getStyles().getStyle("Heading2").getCTStyle().getPPr().getOutlineLvl().getVal())
          .isEqualTo(java.math.BigInteger.ONE);
      long headings =
          doc.getParagraphs().stream().filter(p -> "Heading2".equals(p.getStyle())).count();
      assertThat(headings).isEqualTo(expected.size());
      assertThat(doc.getAllPictures()).hasSize(5);
      assertThat(doc.getProperties().getCoreProperties().getCreated().toInstant())
          .hasToString("2000-01-01T00:00:00Z");
    }
  }

  @Test
  void csvCellsStartingWithFormulaCharactersAreQuotedButNumbersStayNumbers() {
    assertThat(org.odtrial.report.internal.Esc.csv("=HYPERLINK(\"x\")"))
        .isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
    assertThat(org.odtrial.report.internal.Esc.csv("+1 555")).isEqualTo("'+1 555");
    assertThat(org.odtrial.report.internal.Esc.csv("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(org.odtrial.report.internal.Esc.csv("-3.37 (-8.9 to 2.1)"))
        .isEqualTo("'-3.37 (-8.9 to 2.1)");
    assertThat(org.odtrial.report.internal.Esc.csv("-3.37")).isEqualTo("-3.37");
    assertThat(org.odtrial.report.internal.Esc.csv("-1.0E-5")).isEqualTo("-1.0E-5");
    assertThat(org.odtrial.report.internal.Esc.csv("a,b")).isEqualTo("\"a,b\"");
  }

  @Test
  void inputWithNothingEstimableAndNoCurvesStillRendersEveryFormat() throws Exception {
    ReportInput full =
        ExampleReport.input(
            Blinding.none(),
            e -> e.estimate() == null ? e : e.notEstimable("no events in either arm"),
            List.of());
    ReportInput in =
        new ReportInput(
            full.results(),
            full.data(),
            full.plan(),
            Map.of(),
            Map.of(),
            full.provenance(),
            full.blinding());
    List<Path> files = ReportWriter.of(in).writeTo(tmp);
    // no curve data, and no cumulative-incidence figure, without curves
    assertThat(files).hasSize(FILES.size() - 6);
    assertThat(read(tmp, "report.md"))
        .contains("Not estimable: no events in either arm.")
        .containsPattern(
            "\\| Hazard ratio, unadjusted<sup>\\w</sup> \\|  \\|  \\| not estimable \\|  \\|");
    assertThat(read(tmp, "figure-3-forest.svg")).contains("not estimable");
    assertThat(read(tmp, "figure-2-km.svg")).contains("No participants: no curves to draw");
  }

  @Test
  void refusesResultsDataPlanAndProvenanceThatDescribeDifferentAnalyses() {
    ReportInput in = ExampleReport.input(Blinding.none());
    Provenance other =
        new Provenance(
            4, in.provenance().loadSha256(), "default", in.provenance().planSha256(), "1.0.0");
    assertThatThrownBy(
            () ->
                ReportWriter.of(
                    new ReportInput(
                        in.results(),
                        in.data(),
                        in.plan(),
                        in.km(),
                        in.cif(),
                        other,
                        in.blinding())))
        .isInstanceOf(ReportException.class)
        .hasMessageContaining("the results have load 3, the provenance has 4");
    AnalysisData shorter = ExampleTrialData.derive(365);
    assertThatThrownBy(
            () ->
                ReportWriter.of(
                    new ReportInput(
                        in.results(),
                        shorter,
                        in.plan(),
                        in.km(),
                        in.cif(),
                        in.provenance(),
                        in.blinding())))
        .hasMessageContaining("the results have horizon_days 730, the analysis data has 365");
    assertThatThrownBy(
            () ->
                ReportWriter.of(
                    new ReportInput(
                        in.results(),
                        in.data(),
                        in.plan().withHorizonDays(365),
                        in.km(),
                        in.cif(),
                        in.provenance(),
                        in.blinding())))
        .hasMessageContaining("plan SHA-256");
  }

  @Test
  void resultsRowIdsAppearOnlyInTheTidyCsvRowIdColumn() throws Exception {
    // labels are plain words: no row id in any displayed text
    for (String name : List.of("report.html", "report.md", "report.tex")) {
      String text = read(ExampleReport.reportFolder(), name);
      for (RowId id :
          List.of(
              RowId.RELAPSE_COX,
              RowId.RELAPSE_KM_ROBUST,
              RowId.ADMISSIONS_NB_CR2,
              RowId.RELAPSE_FINEGRAY,
              RowId.coxSubgroup("sex", "female"))) {
        assertThat(text).as(name).doesNotContain(id.toString());
      }
    }
  }

  @Test
  void theSameFilesInTheSameOrderWhateverTheNumberOfThreads() throws Exception {
    for (ReportInput in :
        List.of(
            ExampleReport.input(Blinding.none()),
            ExampleReport.input(Blinding.of("Arm B")),
            ExampleReport.inputV1(Blinding.none()))) {
      Path one = tmp.resolve("one");
      Path four = tmp.resolve("four");
      List<Path> progressed = new java.util.ArrayList<>();
      List<Path> a = ReportWriter.of(in).withThreads(1).writeTo(one);
      List<Path> b = ReportWriter.of(in).withThreads(4).writeTo(four, progressed::add);
      // every file, named and told in the same order, with the same bytes
      assertThat(b.stream().map(p -> p.getFileName().toString()))
          .containsExactlyElementsOf(a.stream().map(p -> p.getFileName().toString()).toList());
      assertThat(progressed).isEqualTo(b);
      assertThat(hashes(b)).isEqualTo(hashes(a));
      deleteTree(one);
      deleteTree(four);
    }
    assertThatThrownBy(() -> ReportWriter.of(ExampleReport.input(Blinding.none())).withThreads(0))
        .isInstanceOf(ReportException.class)
        .hasMessageContaining("at least 1");
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
