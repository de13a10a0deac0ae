package org.odtrial.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.odtrial.analysis.results.Results;
import org.odtrial.report.internal.Content;
import org.odtrial.report.internal.Context;
import org.odtrial.report.internal.CsvFormat;
import org.odtrial.report.internal.DocxFormat;
import org.odtrial.report.internal.Drawing;
import org.odtrial.report.internal.Figures;
import org.odtrial.report.internal.HtmlFormat;
import org.odtrial.report.internal.LatexFormat;
import org.odtrial.report.internal.MarkdownFormat;
import org.odtrial.report.internal.Png;
import org.odtrial.report.internal.Svg;
import org.odtrial.report.internal.Table;
import org.odtrial.report.internal.Tables;
import org.odtrial.report.internal.Tasks;
import org.odtrial.report.internal.Warmup;

/**
 * Renders the trial report in every format: report.html (self-contained), report.md, report.tex,
 * report.docx, one tidy CSV per table plus provenance.csv and the Kaplan-Meier step data per arm,
 * and each figure as SVG and PNG (600 dpi). The same input always gives the same bytes.
 */
public final class ReportWriter {
  private static final String TITLE = "Trial report";

  private final ReportInput in;
  private final int threads;

  private ReportWriter(ReportInput in, int threads) {
    this.in = in;
    this.threads = threads;
  }

  /**
   * A writer for {@code in}. The results, the data and the provenance must describe the same load,
   * plan and horizon: a report that mixed two loads would print one load's SHA-256 over another's
   * numbers.
   */
  public static ReportWriter of(ReportInput in) {
    Results r = in.results();
    Provenance p = in.provenance();
    check(r.load() == p.load(), "load", r.load(), "the provenance has " + p.load());
    check(
        r.loadSha256().equals(p.loadSha256()),
        "load SHA-256",
        r.loadSha256(),
        "the provenance has " + p.loadSha256());
    check(
        r.planSha256().equals(p.planSha256()),
        "plan SHA-256",
        r.planSha256(),
        "the provenance has " + p.planSha256());
    check(
        r.horizonDays() == in.data().horizonDays(),
        "horizon_days",
        r.horizonDays(),
        "the analysis data has " + in.data().horizonDays());
    check(
        r.planSha256().equals(in.plan().sha256()),
        "plan SHA-256",
        r.planSha256(),
        "the plan given has " + in.plan().sha256());
    return new ReportWriter(in, Runtime.getRuntime().availableProcessors());
  }

  /**
   * The same writer building the report's pieces on {@code threads} threads of its own (1: on the
   * calling thread alone); by default one per processor. The files are the same bytes whatever the
   * number.
   */
  public ReportWriter withThreads(int threads) {
    if (threads < 1) {
      throw new ReportException("threads must be at least 1, was " + threads);
    }
    return new ReportWriter(in, threads);
  }

  private static void check(boolean same, String what, Object results, String other) {
    if (!same) {
      throw new ReportException(
          String.format(
              Locale.ROOT,
              "report input does not describe one analysis: the results have %s %s, %s",
              what,
              results,
              other));
    }
  }

  /**
   * Starts loading and compiling what writing a report needs (fonts, Java2D, the Word writer) on a
   * daemon thread of its own, by rendering a tiny report in memory and discarding it, and returns
   * at once. A command that writes a report after a long analysis calls this first, so that the
   * analysis's spare processor time pays for it instead of the report (nothing else changes: the
   * report's bytes are the same with or without it).
   */
  public static void prepare() {
    Warmup.start();
  }

  /**
   * Writes every output into {@code dir} (created if needed) and returns the files in writing
   * order.
   */
  public List<Path> writeTo(Path dir) {
    return writeTo(dir, file -> {});
  }

  /**
   * Writes every output into {@code dir}, telling {@code progress} each file as it is written (the
   * CLI shows progress on a terminal), and returns the files in writing order.
   */
  public List<Path> writeTo(Path dir, Consumer<Path> progress) {
    Blinding b = in.blinding();
    List<Path> written = new ArrayList<>();
    Consumer<Path> done =
        p -> {
          written.add(p);
          progress.accept(p);
        };
    // The tables, figures and formats are built as independent pieces on the writer's threads
    // (at 200,000 participants they took 2-5 s of one core one after the other); the files are
    // still written here, one by one in the order below, each once its bytes are ready.
    try (Tasks tasks = Tasks.on(threads)) {
      Context cx = new Context(in);
      // the figures first, so that their PNGs (the longest pieces after the Word file) are queued
      // right behind the tables
      Tasks.Part<List<Drawing>> figures = tasks.submit(() -> Figures.all(cx));
      Tasks.Part<List<Table>> tables = Tables.all(cx, tasks);
      Map<String, Tasks.Part<byte[]>> pngs = new LinkedHashMap<>();
      for (Drawing d : figures.get()) {
        pngs.put(d.name(), tasks.submit(() -> Png.render(d)));
      }
      List<String> warnings = in.results().warnings().stream().map(b::scrub).toList();
      Content c = new Content(TITLE, tables.get(), figures.get(), warnings, in.provenance(), b);
      Tasks.Part<byte[]> docx = tasks.submit(() -> DocxFormat.render(c, n -> pngs.get(n).get()));
      Map<String, Tasks.Part<String>> svgs = new LinkedHashMap<>();
      for (Drawing d : c.figures()) {
        svgs.put(d.name(), tasks.submit(() -> Svg.document(d, c.provenance())));
      }
      Tasks.Part<String> html = tasks.submit(() -> HtmlFormat.render(c));
      Tasks.Part<String> tex = tasks.submit(() -> LatexFormat.render(c));
      Tasks.Part<String> md = tasks.submit(() -> MarkdownFormat.render(c));

      Files.createDirectories(dir);
      for (Drawing d : c.figures()) {
        done.accept(text(dir.resolve(d.name() + ".svg"), svgs.get(d.name()).get()));
        done.accept(bytes(dir.resolve(d.name() + ".png"), pngs.get(d.name()).get()));
      }
      // each curve figure's data beside it, per arm in label order
      for (Drawing d : c.figures()) {
        for (String arm : b.arms()) {
          String data = d.name() + "-data-" + b.slug(arm) + ".csv";
          if (d.key().equals(Figures.KM) && in.km().containsKey(arm)) {
            done.accept(text(dir.resolve(data), CsvFormat.curve(in.km().get(arm))));
          } else if (d.key().equals(Figures.CIF) && in.cif().containsKey(arm)) {
            done.accept(text(dir.resolve(data), CsvFormat.incidence(in.cif().get(arm))));
          }
        }
      }
      for (Table t : c.tables()) {
        done.accept(text(dir.resolve(t.fileName() + ".csv"), CsvFormat.table(t)));
      }
      done.accept(
          text(
              dir.resolve("provenance.csv"),
              CsvFormat.provenance(c.provenance(), c.blindingNote())));
      done.accept(text(dir.resolve("report.html"), html.get()));
      done.accept(text(dir.resolve("report.md"), md.get()));
      done.accept(text(dir.resolve("report.tex"), tex.get()));
      done.accept(bytes(dir.resolve("report.docx"), docx.get()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return written;
  }

  private static Path text(Path p, String s) throws IOException {
    return bytes(p, s.getBytes(StandardCharsets.UTF_8));
  }

  private static Path bytes(Path p, byte[] b) throws IOException {
    Files.write(p, b);
    return p;
  }
}
