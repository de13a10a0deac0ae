package org.odtrial.report;

import org.odtrial.analysis.descriptive.Fidelity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
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
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.results.RowId;

class ReportWriterTest {
  private static final Pattern ARM_NAMES =
      Pattern.compile("\\b(OD|TAU)\\b|open[ _-]?dialogue|usual[ _-]?care|treatment as usual", Pattern.CASE_INSENSITIVE);

  @TempDir Path tmp;

  private static Map<String, String> hashes(List<Path> files) throws Exception {
    Map<String, String> out = new TreeMap<>();
    for (Path f : files) {
      out.put(f.getFileName().toString(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
    }
    return out;
  }

  private static String read(Path dir, String name) throws IOException {
    return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
  }

  /** Every zip entry's text, by name. */
  private static Map<String, String> unzip(Path zip) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        out.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  @Test
  void twoRunsGiveByteIdenticalFilesInEveryFormat() throws Exception {
    List<Path> first = ReportWriter.of(ExampleReport.input(Blinding.none())).writeTo(tmp.resolve("a"));
    // a second run under another default locale and time zone: neither may leak into any file
    Locale locale = Locale.getDefault();
    java.util.TimeZone zone = java.util.TimeZone.getDefault();
    List<Path> second;
    try {
      Locale.setDefault(Locale.GERMANY);
      java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Asia/Tokyo"));
      second = ReportWriter.of(ExampleReport.input(Blinding.none())).writeTo(tmp.resolve("b"));
    } finally {
      Locale.setDefault(locale);
      java.util.TimeZone.setDefault(zone);
    }
    assertThat(first.stream().map(p -> p.getFileName().toString()))
        .contains("report.html", "report.md", "report.tex", "report.docx", "provenance.csv",
            "table-1-consort.csv", "table-2-baseline.csv", "table-3-relapse.csv", "table-4-hospitalisation.csv",
            "table-5-recovery.csv", "table-6-meetings.csv", "figure-1-km.svg", "figure-1-km.png", "figure-2-forest.svg",
            "figure-2-forest.png", "figure-3-consort.svg", "figure-3-consort.png", "figure-1-km-data-od.csv",
            "figure-1-km-data-tau.csv");
    assertThat(hashes(second)).isEqualTo(hashes(first));
    // the docx really was rewritten: fixed entry times, no wall-clock date in its core properties
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(tmp.resolve("a/report.docx")))) {
      ZipEntry e = in.getNextEntry();
      assertThat(e.getName()).isEqualTo("[Content_Types].xml");
      assertThat(e.getTimeLocal()).hasToString("2000-01-01T00:00");
    }
    String core = unzip(tmp.resolve("a/report.docx")).get("docProps/core.xml");
    assertThat(core).contains("2000-01-01T00:00:00Z").doesNotContain(Integer.toString(java.time.Year.now().getValue()) + "-");
  }

  @Test
  void blindedReportNamesNoArmAnywhereAndLabelsFilesArmAArmB() throws Exception {
    ReportInput in = ExampleReport.input(
        Blinding.of("Arm B"),
        e -> e.id().equals(RowId.BED_DAYS_NB) ? e.notEstimable("no events in arm TAU for Open Dialogue comparison") : e,
        List.of("12 single-practitioner OD meetings", "usual care cluster GP02 has meetings"));
    List<Path> files = ReportWriter.of(in).writeTo(tmp);
    List<String> names = files.stream().map(p -> p.getFileName().toString()).toList();
    assertThat(names).contains("figure-1-km-data-arm-a.csv", "figure-1-km-data-arm-b.csv");
    for (String name : names) {
      assertThat(ARM_NAMES.matcher(name.replace('-', ' ')).find()).as(name).isFalse();
      assertThat(name).doesNotContain("-od", "-tau");
      Path f = tmp.resolve(name);
      List<String> texts = new ArrayList<>();
      if (name.endsWith(".docx")) {
        // the XML parts; the embedded PNGs are the figures checked below as files
        unzip(f).forEach((entry, text) -> {
          if (entry.endsWith(".xml") || entry.endsWith(".rels")) {
            texts.add(text);
          }
        });
      } else if (name.endsWith(".png")) {
        // PNG: pixels only; make sure ImageIO wrote no text chunk
        String raw = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        assertThat(raw).doesNotContain("tEXt", "iTXt", "zTXt", "tIME");
        continue;
      } else {
        texts.add(Files.readString(f, StandardCharsets.UTF_8));
      }
      for (String t : texts) {
        var m = ARM_NAMES.matcher(t);
        if (m.find()) {
          throw new AssertionError(name + " names an arm: ..." + t.substring(Math.max(0, m.start() - 60), Math.min(t.length(), m.end() + 60)));
        }
      }
    }
    String html = read(tmp, "report.html");
    assertThat(html).contains("Arm A", "Arm B", "no events in arm Arm A for [arm] comparison", "12 single-practitioner Arm B meetings");
    // OD is Arm B: the shown contrast is Arm A vs Arm B, i.e. TAU vs OD, so the hazard ratio is inverted
    JsonNode cox = row("relapse.cox");
    String inverted = String.format(Locale.ROOT, "%.2f (%.2f to %.2f)", 1 / cox.get("estimate").asDouble(),
        1 / cox.get("ci_high").asDouble(), 1 / cox.get("ci_low").asDouble());
    assertThat(read(tmp, "table-3-relapse.csv")).contains(inverted);
    assertThat(read(tmp, "report.md")).contains("Effects are Arm A vs Arm B", inverted);
  }

  private static JsonNode row(String id) {
    for (JsonNode r : ExampleReport.expectedJson().get("estimates")) {
      if (r.get("id").asText().equals(id)) {
        return r;
      }
    }
    throw new AssertionError(id);
  }

  @Test
  void tablesShowResultsRowsAndNotesForEstimatesThatCouldNotBeComputed() throws Exception {
    ReportInput in = ExampleReport.input(Blinding.none(),
        e -> e.id().equals(RowId.RELAPSE_COX_ADJUSTED) ? e.notEstimable("model did not converge") : e, List.of());
    ReportWriter.of(in).writeTo(tmp);
    String relapse = read(tmp, "table-3-relapse.csv");
    JsonNode cox = row("relapse.cox");
    assertThat(relapse)
        .contains(String.format(Locale.ROOT, "\"Hazard ratio, unadjusted (relapse.cox)\",,,%.2f (%.2f to %.2f),%.3f",
            cox.get("estimate").asDouble(), cox.get("ci_low").asDouble(), cox.get("ci_high").asDouble(), cox.get("p_value").asDouble()))
        .contains("\"Hazard ratio, adjusted (relapse.cox_adjusted)\",,,not estimable: model did not converge,\r\n")
        .contains(String.format(Locale.ROOT, "\"chi-square %.2f, df 1\",%.3f", row("relapse.logrank").get("estimate").asDouble(),
            row("relapse.logrank").get("p_value").asDouble()));
    // the recovery table: a negative mean difference as text is guarded against formula evaluation
    assertThat(read(tmp, "table-5-recovery.csv")).contains(",'-3.37 (SE 2.80),", "0.000 (singular)");
    // data-side counts: 12 clusters, 280 participants
    String consort = read(tmp, "table-1-consort.csv");
    AnalysisData data = ExampleTrialData.derive(730);
    long od = data.participants().stream().filter(p -> p.arm().equals("OD")).count();
    assertThat(consort).contains("Clusters randomised,6,6,12\r\n", "Recruited," + od + "," + (280 - od) + ",280\r\n",
        "Time to relapse (relapse.cox),,,280\r\n");
  }

  @Test
  void htmlIsSelfContainedWithEveryTableAndFigureInline() throws Exception {
    ReportWriter.of(ExampleReport.input(Blinding.none())).writeTo(tmp);
    String html = read(tmp, "report.html");
    assertThat(html).doesNotContain("http://", "https://", "src=", "<link", "@import", "url(", "<script");
    assertThat(Pattern.compile("<table").matcher(html).results().count()).isEqualTo(6);
    assertThat(Pattern.compile("<svg").matcher(html).results().count()).isEqualTo(3);
    assertThat(html).contains(ExampleReport.PROVENANCE.loadSha256(), ExampleReport.PROVENANCE.planSha256(), "<footer>");
  }

  @Test
  void everyOutputCarriesProvenance() throws Exception {
    List<Path> files = ReportWriter.of(ExampleReport.input(Blinding.none())).writeTo(tmp);
    String sha = ExampleReport.PROVENANCE.loadSha256();
    for (Path f : files) {
      String name = f.getFileName().toString();
      if (name.startsWith("report.") && !name.endsWith(".docx") || name.endsWith(".svg") || name.equals("provenance.csv")) {
        assertThat(Files.readString(f)).as(name).contains(sha, ExampleReport.PROVENANCE.planSha256(), "1.0.0");
      }
    }
    assertThat(unzip(tmp.resolve("report.docx")).get("word/document.xml")).contains(sha);
  }

  @Test
  void svgFiguresAreWellFormedXml() throws Exception {
    List<Path> files = ReportWriter.of(ExampleReport.input(Blinding.none())).writeTo(tmp);
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    int svgs = 0;
    for (Path p : files) {
      if (p.toString().endsWith(".svg")) {
        var doc = f.newDocumentBuilder().parse(p.toFile());
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        assertThat(doc.getElementsByTagName("metadata").item(0).getTextContent()).contains(ExampleReport.PROVENANCE.loadSha256());
        svgs++;
      }
    }
    assertThat(svgs).isEqualTo(3);
    // the KM figure draws both arms' steps and their numbers at risk
    String km = read(tmp, "figure-1-km.svg");
    assertThat(Pattern.compile("<polyline").matcher(km).results().count()).isEqualTo(2);
    assertThat(km).contains("Number at risk", ">" + ExampleReport.input(Blinding.none()).kmCurves().get(0).atRisk()[1] + "<");
  }

  @Test
  void latexUsesBooktabsAndIsACompleteDocument() throws Exception {
    ReportWriter.of(ExampleReport.input(Blinding.none())).writeTo(tmp);
    String tex = read(tmp, "report.tex");
    assertThat(tex).startsWith("\\documentclass").endsWith("\\end{document}\n").contains("\\usepackage{booktabs}");
    for (String rule : List.of("\\toprule", "\\midrule", "\\bottomrule", "\\begin{tabular}")) {
      assertThat(Pattern.compile(Pattern.quote(rule)).matcher(tex).results().count()).as(rule).isEqualTo(6);
    }
    assertThat(Pattern.compile("\\\\begin\\{(\\w+)\\}").matcher(tex).results().count())
        .isEqualTo(Pattern.compile("\\\\end\\{(\\w+)\\}").matcher(tex).results().count());
    assertThat(tex).contains("\\includegraphics[width=\\textwidth,height=0.85\\textheight,keepaspectratio]{figure-1-km.png}",
        "\\caption*{Table 3. Time to first relapse}");
    assertThat(tex).doesNotContain("\\hline");
  }

  @Test
  void docxOpensWithPoiAndHasTheTablesAndFigures() throws Exception {
    ReportWriter.of(ExampleReport.input(Blinding.none())).writeTo(tmp);
    try (InputStream in = new ByteArrayInputStream(Files.readAllBytes(tmp.resolve("report.docx")));
        XWPFDocument doc = new XWPFDocument(in)) {
      List<XWPFTable> tables = doc.getTables();
      assertThat(tables).hasSize(6);
      assertThat(tables.get(0).getRow(0).getCell(1).getText()).isEqualTo("OD");
      assertThat(tables.get(2).getText()).contains("Hazard ratio, unadjusted (relapse.cox)");
      String csv = read(tmp, "table-2-baseline.csv");
      long rows = csv.lines().count();
      assertThat(tables.get(1).getNumberOfRows()).isEqualTo((int) rows);
      assertThat(doc.getAllPictures()).hasSize(3);
      assertThat(doc.getProperties().getCoreProperties().getCreated().toInstant()).hasToString("2000-01-01T00:00:00Z");
    }
  }

  @Test
  void csvCellsStartingWithFormulaCharactersAreQuotedButNumbersStayNumbers() {
    assertThat(org.odtrial.report.internal.Esc.csv("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
    assertThat(org.odtrial.report.internal.Esc.csv("+1 555")).isEqualTo("'+1 555");
    assertThat(org.odtrial.report.internal.Esc.csv("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(org.odtrial.report.internal.Esc.csv("-3.37 (-8.9 to 2.1)")).isEqualTo("'-3.37 (-8.9 to 2.1)");
    assertThat(org.odtrial.report.internal.Esc.csv("-3.37")).isEqualTo("-3.37");
    assertThat(org.odtrial.report.internal.Esc.csv("-12")).isEqualTo("-12");
    assertThat(org.odtrial.report.internal.Esc.csv("0.155")).isEqualTo("0.155");
    assertThat(org.odtrial.report.internal.Esc.csv("a,b")).isEqualTo("\"a,b\"");
  }

  @Test
  void fidelityOfTheOdArmMatchesRsFidelityRow() {
    AnalysisData data = ExampleTrialData.derive(730);
    Fidelity f = Fidelity.of(data, p -> p.arm().equals("OD"));
    JsonNode r = row("meetings.fidelity");
    assertThat(f.shareTwoPractitioners()).isCloseTo(r.get("share_two_practitioners").asDouble(), within(1e-12));
    assertThat(f.medianDaysToFirstMeeting()).isCloseTo(r.get("median_days_to_first_meeting").asDouble(), within(1e-12));
    assertThat(f.shareFirstWithin1Day()).isCloseTo(r.get("share_first_within_1_day").asDouble(), within(1e-12));
    assertThat(f.meanNetworkMembers()).isCloseTo(r.get("mean_network_members").asDouble(), within(1e-12));
    JsonNode m = row("meetings");
    assertThat(f.meanMeetings()).isCloseTo(m.get("mean").asDouble(), within(1e-12));
    assertThat((double) f.participantsWithMeeting() / f.participants()).isCloseTo(m.get("share_any").asDouble(), within(1e-12));
  }

  @Test
  void testSideKaplanMeierAgreesWithRsSurvivalAtTheReportedTimes() {
    AnalysisData data = ExampleTrialData.derive(730);
    for (JsonNode r : ExampleReport.expectedJson().get("estimates")) {
      if (r.get("id").asText().equals("relapse.km")) {
        KmCurve c = ExampleReport.km(data, r.get("arm").asText());
        int t = r.get("time_days").asInt();
        double s = 1;
        for (int i = 0; i < c.time().length && c.time()[i] <= t; i++) {
          s = c.survival()[i];
        }
        assertThat(s).as("S(%d) %s", t, r.get("arm").asText()).isCloseTo(r.get("estimate").asDouble(), within(1e-12));
      }
    }
  }

  @Test
  void estimateWithoutEstimateIsAlwaysShownAsItsNote() {
    Estimate e = Estimate.of(RowId.RELAPSE_COX, "hazard_ratio").notEstimable("no events in arm OD");
    var shown = new org.odtrial.report.internal.Lookup(
        new org.odtrial.analysis.results.Results("1", 1, "x", true, "p", "y", 730, List.of(e), List.of()), Blinding.of("Arm A"))
        .effect(e);
    assertThat(shown.text(2)).isEqualTo("not estimable: no events in arm Arm A");
    assertThat(shown.pText()).isEmpty();
  }

  @Test
  void inputWithNothingEstimableAndNoCurvesStillRendersEveryFormatWithTheNotes() throws Exception {
    ReportInput full = ExampleReport.input(Blinding.none(),
        e -> e.estimate() == null ? e : e.notEstimable("no events in either arm"), List.of());
    ReportInput in = new ReportInput(full.results(), full.data(), List.of(), full.provenance(), full.blinding());
    List<Path> files = ReportWriter.of(in).writeTo(tmp);
    assertThat(files).hasSize(17); // no KM step data without curves
    String relapse = read(tmp, "table-3-relapse.csv");
    assertThat(relapse)
        .contains("\"Hazard ratio, unadjusted (relapse.cox)\",,,not estimable: no events in either arm,\r\n")
        .contains(",not estimable: no events in either arm,not estimable: no events in either arm,,\r\n")
        .doesNotContainPattern("\\d\\.\\d\\d \\(");
    assertThat(read(tmp, "figure-2-forest.svg")).contains("not estimable: no events in either arm");
    // a plain negative number (a first meeting before baseline) stays a number in the CSV
    assertThat(read(tmp, "table-6-meetings.csv")).containsPattern(",-\\d\\.\\d,").doesNotContain(",'-");
  }

  @Test
  void numbersHaveFixedFormats() {
    assertThat(org.odtrial.report.internal.Fmt.p(0.00099)).isEqualTo("<0.001");
    assertThat(org.odtrial.report.internal.Fmt.p(0.001)).isEqualTo("0.001");
    assertThat(org.odtrial.report.internal.Fmt.p(0.0015)).isEqualTo("0.002");
    assertThat(org.odtrial.report.internal.Fmt.ratio(0.595)).isEqualTo("0.60");
    assertThat(org.odtrial.report.internal.Fmt.num(-0.004, 2)).isEqualTo("0.00");
    assertThat(org.odtrial.report.internal.Fmt.num(-3.37298, 2)).isEqualTo("-3.37");
    assertThat(org.odtrial.report.internal.Fmt.num(null, 2)).isEqualTo("NA");
    assertThat(org.odtrial.report.internal.Fmt.withCi(0.6, 0.29, 1.22, 0.37, 2)).isEqualTo("0.60 (0.29 to 1.22)");
    assertThat(org.odtrial.report.internal.Fmt.countPct(1, 3)).isEqualTo("1 (33.3%)");
  }

  @Test
  void refusesResultsAndProvenanceOfDifferentLoads() {
    ReportInput in = ExampleReport.input(Blinding.none());
    Provenance other = new Provenance(4, in.provenance().loadSha256(), "default", in.provenance().planSha256(), "1.0.0");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ReportWriter.of(new ReportInput(in.results(), in.data(), in.kmCurves(), other, in.blinding())))
        .isInstanceOf(ReportException.class)
        .hasMessageContaining("the results have load 3, the provenance has 4");
    AnalysisData shorter = ExampleTrialData.derive(365);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ReportWriter.of(new ReportInput(in.results(), shorter, in.kmCurves(), in.provenance(), in.blinding())))
        .hasMessageContaining("the results have horizon_days 730, the analysis data has 365");
  }
}
