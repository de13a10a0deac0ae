package org.odtrial.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.descriptive.Fidelity;
import org.odtrial.analysis.results.ResultsJson;
import org.odtrial.analysis.results.RowId;

/**
 * A blinded report stays blinded: no output names an arm, and none splits by arm what would reveal
 * the allocation through the intervention's own delivery (network meetings and fidelity). Every
 * output file is read, the Word file's XML parts included, and results.json as the report command
 * writes it beside them.
 */
class BlindedOutputsTest {
  private static final Pattern ARM_NAMES =
      Pattern.compile(
          "\\b(OD|TAU)\\b|arm(OD|TAU)|open[ _-]?dialogue|usual[ _-]?care|treatment as usual",
          Pattern.CASE_INSENSITIVE);

  /** An arm's label, which a table splitting by arm shows. */
  private static final Pattern ARM_LABEL = Pattern.compile("Arm [AB]");

  /** Words of the intervention's delivery. */
  private static final Pattern DELIVERY =
      Pattern.compile("meeting|fidelity|practitioner|network member", Pattern.CASE_INSENSITIVE);

  @TempDir Path tmp;

  /** Renders a report and writes results.json as the report command does. */
  private List<Path> render(Path dir, Blinding b) throws Exception {
    ReportInput in =
        ExampleReport.input(
            b,
            e ->
                e.id().equals(RowId.BED_DAYS_NB)
                    ? e.withNote("no events in arm TAU for the Open Dialogue comparison")
                    : e,
            List.of("12 single-practitioner OD meetings", "usual care cluster GP02 has meetings"));
    List<Path> files = new ArrayList<>(ReportWriter.of(in).writeTo(dir));
    Path json = dir.resolve("results.json");
    Files.writeString(json, ResultsJson.toJson(b.apply(in.results())), StandardCharsets.UTF_8);
    files.add(json);
    return files;
  }

  /** The text of every output: each file, and each XML part of the Word file, by name. */
  private static Map<String, String> texts(List<Path> files) throws Exception {
    Map<String, String> out = new java.util.TreeMap<>();
    for (Path f : files) {
      String name = f.getFileName().toString();
      if (name.endsWith(".docx")) {
        ReportWriterTest.unzip(f)
            .forEach(
                (entry, text) -> {
                  if (entry.endsWith(".xml") || entry.endsWith(".rels")) {
                    out.put(name + "!" + entry, text);
                  }
                });
      } else if (name.endsWith(".png")) {
        // pixels only: no text chunk
        String raw = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        assertThat(raw).as(name).doesNotContain("tEXt", "iTXt", "zTXt", "tIME");
      } else {
        out.put(name, Files.readString(f, StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  /**
   * The tables of an output, each as one text with its caption and header: an HTML table, a
   * Markdown table under its heading, a LaTeX longtable, a Word table (w:tbl element), a table's
   * CSV file.
   */
  private static List<String> tables(String name, String text) {
    String pattern;
    if (name.endsWith("!word/document.xml")) {
      pattern = "<w:tbl>.*?</w:tbl>";
    } else if (name.endsWith(".html")) {
      pattern = "<table.*?</table>";
    } else if (name.endsWith(".md")) {
      pattern = "### [^\n]*\n\n(\\|[^\n]*\n)+";
    } else if (name.endsWith(".tex")) {
      pattern = "\\\\begin\\{longtable\\}.*?\\\\end\\{longtable\\}";
    } else {
      return name.startsWith("table-") ? List.of(text) : List.of();
    }
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile(pattern, Pattern.DOTALL).matcher(text);
    while (m.find()) {
      out.add(m.group().replaceAll("<[^>]+>", " "));
    }
    return out;
  }

  /** Arm names and arm-revealing splits found in these outputs. */
  private static List<String> leaks(Map<String, String> texts, List<String> perArmFigures) {
    List<String> out = new ArrayList<>();
    texts.forEach(
        (name, text) -> {
          Matcher m = ARM_NAMES.matcher(text);
          if (m.find()) {
            out.add(name + " names an arm: ..." + around(text, m.start(), m.end()));
          }
          for (String table : tables(name, text)) {
            Matcher label = ARM_LABEL.matcher(table);
            if (DELIVERY.matcher(table).find() && label.find()) {
              out.add(
                  name
                      + " splits delivery by arm: ..."
                      + around(table, label.start(), label.end()));
            }
          }
          for (String figure : perArmFigures) {
            if (text.contains(figure)) {
              int at = text.indexOf(figure);
              out.add(
                  name
                      + " shows an arm's delivery figure "
                      + figure
                      + ": ..."
                      + around(text, at, at + figure.length()));
            }
          }
        });
    return out;
  }

  private static String around(String text, int start, int end) {
    return text.substring(Math.max(0, start - 60), Math.min(text.length(), end + 60));
  }

  /** Each arm's meeting figures as the report would print them: mean (SD), share with a meeting. */
  private static List<String> perArmFigures() {
    AnalysisData data = ExampleReport.input(Blinding.none()).data();
    List<String> out = new ArrayList<>();
    for (String arm : List.of("OD", "TAU")) {
      Fidelity f = Fidelity.of(data, p -> p.arm().equals(arm));
      double[] m =
          data.participants().stream()
              .filter(p -> p.arm().equals(arm))
              .mapToDouble(p -> p.meetings())
              .toArray();
      double mean = java.util.Arrays.stream(m).average().orElseThrow();
      double sd =
          Math.sqrt(
              java.util.Arrays.stream(m).map(x -> (x - mean) * (x - mean)).sum() / (m.length - 1));
      out.add(String.format(Locale.ROOT, "%.2f (%.2f)", mean, sd));
      out.add(org.odtrial.analysis.results.ShortestDouble.of(mean));
      out.add(
          String.format(
              Locale.ROOT, ">%.1f<", 100.0 * f.participantsWithMeeting() / f.participants()));
    }
    return out;
  }

  @Test
  void blindedOutputsNameNoArmAndSplitNoDeliveryByArm() throws Exception {
    List<String> figures = perArmFigures();
    for (String od : List.of("Arm A", "Arm B")) {
      Path dir = tmp.resolve(od.replace(' ', '-'));
      List<Path> files = render(dir, Blinding.of(od));
      List<String> names = files.stream().map(p -> p.getFileName().toString()).toList();
      assertThat(names).contains("figure-2-km-data-arm-a.csv", "figure-2-km-data-arm-b.csv");
      for (String name : names) {
        assertThat(ARM_NAMES.matcher(name.replace('-', ' ')).find()).as(name).isFalse();
      }
      Map<String, String> texts = texts(files);
      assertThat(leaks(texts, figures)).as("blinded outputs, OD is %s", od).isEmpty();
      // pooled figures are there, with the note saying why
      assertThat(texts.get("report.html"))
          .contains("both arms, pooled", "figures by arm, site and cluster are withheld")
          .contains(
              "no events in arm Arm A for the [arm] comparison"
                  .replace("Arm A", od.equals("Arm A") ? "Arm B" : "Arm A"));
      JsonNode json = new ObjectMapper().readTree(texts.get("results.json"));
      assertThat(json.get("data").get("blinded").asBoolean()).isTrue();
      for (JsonNode e : json.get("estimates")) {
        assertThat(e.get("id").asText())
            .isNotIn(RowId.MEETINGS.toString(), RowId.MEETINGS_FIDELITY.toString());
      }
      assertThat(json.get("warnings").toString()).contains("withheld");
    }
  }

  @Test
  void theSameChecksFindTheSplitsOfAnUnblindedReport() throws Exception {
    // the checks can fail: an unblinded report names the arms and splits meetings by arm
    Map<String, String> texts = texts(render(tmp, Blinding.none()));
    List<String> leaks = leaks(texts, perArmFigures());
    assertThat(leaks).anyMatch(l -> l.contains("names an arm"));
    assertThat(leaks).anyMatch(l -> l.contains("shows an arm's delivery figure"));
    // and relabelled as Arm A / Arm B, its per-arm meeting rows are splits
    Map<String, String> relabelled = new java.util.TreeMap<>();
    texts.forEach(
        (k, v) ->
            relabelled.put(k, v.replaceAll("\\bOD\\b", "Arm A").replaceAll("\\bTAU\\b", "Arm B")));
    assertThat(leaks(relabelled, List.of()))
        .anyMatch(l -> l.startsWith("report.md splits delivery by arm"))
        .anyMatch(l -> l.startsWith("report.html splits delivery by arm"))
        .anyMatch(l -> l.startsWith("report.tex splits delivery by arm"))
        .anyMatch(l -> l.startsWith("table-6-meetings.csv splits delivery by arm"))
        .anyMatch(l -> l.startsWith("report.docx!word/document.xml splits delivery by arm"));
  }
}
