package org.odtrial.analysis.estimate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.odtrial.analysis.data.Participant;
import org.odtrial.analysis.results.ShortestDouble;
import org.odtrial.ingest.output.CsvCells;

/**
 * One completed data set of the multiple-imputation rows as CSV, so that a statistician can rerun
 * and pool the same analysis elsewhere (docs/results.md shows how in R). Columns: {@code
 * participant_id, cluster_id, arm, score_0, score_<M>}, the plan's covariates, then {@code
 * imputed_0} and {@code imputed_<M>} (1 where the score was imputed, which is what the
 * tipping-point rows shift). One row per participant in the analysis data's order; scores in the
 * shortest form that reads back to the same double; a missing covariate is an empty cell; text
 * cells are spreadsheet-safe ({@link CsvCells}); LF line ends.
 */
public final class ImputationCsv {
  private ImputationCsv() {}

  /** The file of one data set, such as {@code QPR.m12.imputation-07.csv} (zero-padded to m). */
  public static String fileName(ImputedDataSet d) {
    int width = Integer.toString(d.imputations()).length();
    return String.format(
        Locale.ROOT,
        "%s.m%d.imputation-%0" + width + "d.csv",
        d.instrument(),
        d.month(),
        d.imputation());
  }

  public static void write(ImputedDataSet d, List<String> covariates, Writer out) {
    String m = "score_" + d.month();
    List<String> header = new ArrayList<>(List.of("participant_id", "cluster_id", "arm"));
    header.add("score_0");
    header.add(m);
    header.addAll(covariates);
    header.add("imputed_0");
    header.add("imputed_" + d.month());
    double[] s0 = d.score0();
    double[] sm = d.scoreMonth();
    boolean[] i0 = d.imputed0();
    boolean[] im = d.imputedMonth();
    try {
      CSVPrinter p =
          new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get());
      p.printRecord(header);
      List<Object> row = new ArrayList<>(header.size());
      List<Participant> ps = d.participants();
      for (int i = 0; i < ps.size(); i++) {
        Participant pt = ps.get(i);
        row.clear();
        row.add(CsvCells.text(pt.participantId()));
        row.add(CsvCells.text(pt.clusterId()));
        row.add(CsvCells.text(pt.arm()));
        row.add(ShortestDouble.of(s0[i]));
        row.add(ShortestDouble.of(sm[i]));
        for (String c : covariates) {
          Object v = Design.value(pt, c);
          row.add(v == null ? "" : v instanceof String s ? CsvCells.text(s) : v);
        }
        row.add(i0[i] ? 1 : 0);
        row.add(im[i] ? 1 : 0);
        p.printRecord(row);
      }
      p.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
