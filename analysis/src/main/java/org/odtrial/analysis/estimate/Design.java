package org.odtrial.analysis.estimate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.odtrial.analysis.data.Participant;
import org.odtrial.ingest.contract.TrialFile;

/**
 * The arm indicator plus adjustment covariates, as R's model.matrix builds them without the
 * intercept (Cox): numbers as they are; a factor as indicators of each level present except the
 * reference, which is its first code in the data contract among the levels present (a level with
 * nobody in it is dropped). Participants missing a covariate are left out (complete cases, as R's
 * na.omit).
 *
 * @param participants the complete cases, in input order
 * @param names column names: {@code armOD}, then e.g. {@code age}, {@code sexmale}
 * @param x one row per complete case
 * @param notes what was left out, for the result's note
 */
record Design(
    List<Participant> participants, List<String> names, double[][] x, List<String> notes) {

  static Design of(List<Participant> all, List<String> covariates) {
    List<Participant> ps = new ArrayList<>();
    for (Participant p : all) {
      boolean complete = true;
      for (String c : covariates) {
        complete &= value(p, c) != null;
      }
      if (complete) {
        ps.add(p);
      }
    }
    List<String> notes = new ArrayList<>();
    if (ps.size() < all.size()) {
      notes.add(
          String.format(
              Locale.ROOT,
              "%d participant(s) missing a covariate are left out (complete cases)",
              all.size() - ps.size()));
    }
    List<String> names = new ArrayList<>(List.of(Arms.ARM_TERM));
    List<ToDoubleFunction<Participant>> columns = new ArrayList<>();
    columns.add(Arms::indicator);
    for (String c : covariates) {
      if (isFactor(c)) {
        Set<String> present = new LinkedHashSet<>();
        ps.forEach(p -> present.add((String) value(p, c)));
        List<String> levels =
            TrialFile.PARTICIPANTS.column(c).orElseThrow().codes().stream()
                .filter(present::contains)
                .toList();
        for (String level : levels.subList(Math.min(1, levels.size()), levels.size())) {
          names.add(c + level);
          columns.add(p -> level.equals(value(p, c)) ? 1.0 : 0.0);
        }
        if (levels.size() < 2) {
          notes.add("covariate " + c + " has a single level here and is left out");
        }
      } else {
        names.add(c);
        columns.add(p -> ((Number) value(p, c)).doubleValue());
      }
    }
    double[][] x = new double[ps.size()][columns.size()];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < columns.size(); j++) {
        x[i][j] = columns.get(j).applyAsDouble(ps.get(i));
      }
    }
    return new Design(List.copyOf(ps), List.copyOf(names), x, List.copyOf(notes));
  }

  private static boolean isFactor(String covariate) {
    return !covariate.equals("age") && !covariate.equals("prior_admissions");
  }

  static Object value(Participant p, String covariate) {
    return switch (covariate) {
      case "age" -> p.age();
      case "prior_admissions" -> p.priorAdmissions();
      case "sex" -> p.sex();
      case "ethnicity" -> p.ethnicity();
      case "diagnosis" -> p.diagnosis();
      default -> throw new IllegalArgumentException("unknown covariate " + covariate);
    };
  }
}
