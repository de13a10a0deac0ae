package org.odtrial.analysis.simulate;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.odtrial.analysis.results.ShortestDouble;
import org.odtrial.ingest.output.CsvCells;

/**
 * A simulation study as one CSV row per results row, at full precision; the reasons a row was not
 * estimable in one cell ({@code reason (reps); ...}). LF line ends, as results.csv; text cells are
 * made spreadsheet-safe by {@link CsvCells}.
 */
public final class SimulationCsv {
  public static final List<String> HEADER =
      List.of(
          "id",
          "arm",
          "time_days",
          "estimand",
          "scale",
          "truth",
          "null_holds",
          "reps",
          "produced",
          "estimated",
          "mean_estimate",
          "bias",
          "bias_mcse",
          "empirical_se",
          "empirical_se_mcse",
          "model_se",
          "model_se_mcse",
          "model_se_reps",
          "coverage",
          "coverage_mcse",
          "coverage_reps",
          "rejection",
          "rejection_mcse",
          "rejection_reps",
          "not_estimable",
          "not_estimable_reasons");

  private SimulationCsv() {}

  public static String toCsv(SimulationResult r) {
    StringWriter out = new StringWriter();
    try (CSVPrinter p =
        new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
      p.printRecord(HEADER);
      for (RowSummary s : r.rows()) {
        List<Object> cells = new ArrayList<>();
        cells.add(CsvCells.text(s.key().id().value()));
        cells.add(CsvCells.text(s.key().arm()));
        cells.add(s.key().timeDays());
        cells.add(CsvCells.text(s.estimand()));
        cells.add(s.logScale() ? "log" : "natural");
        cells.add(number(s.truth().value()));
        cells.add(s.truth().nullHolds());
        cells.add(s.reps());
        cells.add(s.produced());
        cells.add(s.estimated());
        cells.add(number(s.meanEstimate()));
        cells.add(number(s.bias()));
        cells.add(number(s.biasMcse()));
        cells.add(number(s.empiricalSe()));
        cells.add(number(s.empiricalSeMcse()));
        cells.add(number(s.modelSe()));
        cells.add(number(s.modelSeMcse()));
        cells.add(s.modelSeReps());
        cells.add(number(s.coverage()));
        cells.add(number(s.coverageMcse()));
        cells.add(s.coverageReps());
        cells.add(number(s.rejection()));
        cells.add(number(s.rejectionMcse()));
        cells.add(s.rejectionReps());
        cells.add(s.notEstimableReps());
        List<String> why = new ArrayList<>();
        for (Reason reason : s.notEstimable()) {
          why.add(reason.text() + " (" + reason.reps() + ")");
        }
        cells.add(CsvCells.text(String.join("; ", why)));
        p.printRecord(cells);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** The shortest text that reads back to the same double, as results.csv writes numbers. */
  private static String number(Double v) {
    return v == null ? null : ShortestDouble.of(v);
  }
}
