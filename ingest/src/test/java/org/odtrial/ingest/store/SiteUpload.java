package org.odtrial.ingest.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.odtrial.ingest.contract.TrialFile;

/**
 * One site's part of a whole-trial upload, as that site's data manager sends it for {@code odtrial
 * ingest --site}: the site's clusters, their participants and those participants' records, every
 * file with its header. For uploads without quoted cells (the sample trial's).
 */
public final class SiteUpload {
  private SiteUpload() {}

  /** Writes {@code site}'s part of the upload {@code from} into the new folder {@code to}. */
  public static Path split(Path from, String site, Path to) {
    try {
      Files.createDirectories(to);
      Set<String> clusters = new HashSet<>();
      Set<String> participants = new HashSet<>();
      filter(from, to, TrialFile.CLUSTERS, r -> keep(r, 1, site, clusters, 0));
      filter(from, to, TrialFile.PARTICIPANTS, r -> keep(r, 1, clusters, participants, 0));
      for (TrialFile f :
          List.of(TrialFile.ADMISSIONS, TrialFile.OUTCOMES, TrialFile.NETWORK_MEETINGS)) {
        int column = f == TrialFile.OUTCOMES ? 0 : 1;
        filter(from, to, f, r -> participants.contains(r[column]));
      }
      return to;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Leaves the first participant of {@code upload} out of it, with their admissions, outcomes and
   * meetings, as a data manager who dropped the rows would; returns the participant's id.
   */
  public static String dropFirstParticipant(Path upload) {
    String gone = rows(upload, TrialFile.PARTICIPANTS).get(1)[0];
    for (TrialFile f : TrialFile.values()) {
      if (f != TrialFile.CLUSTERS) {
        int column = f.indexOf("participant_id");
        List<String[]> rows = rows(upload, f);
        rows.removeIf(r -> r[column].equals(gone));
        write(upload, f, rows);
      }
    }
    return gone;
  }

  /** The rows (header first) of one file of an upload, split at commas. */
  public static List<String[]> rows(Path upload, TrialFile file) {
    try {
      List<String[]> rows = new ArrayList<>();
      for (String line : Files.readAllLines(upload.resolve(file.fileName()))) {
        rows.add(line.split(",", -1));
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the rows (header first) of one file of an upload. */
  public static void write(Path upload, TrialFile file, List<String[]> rows) {
    StringBuilder b = new StringBuilder();
    for (String[] r : rows) {
      b.append(String.join(",", r)).append('\n');
    }
    try {
      Files.writeString(upload.resolve(file.fileName()), b, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean keep(String[] r, int column, String value, Set<String> ids, int id) {
    return keep(r, column, Set.of(value), ids, id);
  }

  private static boolean keep(String[] r, int column, Set<String> values, Set<String> ids, int id) {
    if (values.contains(r[column])) {
      ids.add(r[id]);
      return true;
    }
    return false;
  }

  private static void filter(Path from, Path to, TrialFile file, Predicate<String[]> keep) {
    List<String[]> rows = rows(from, file);
    List<String[]> kept = new ArrayList<>();
    kept.add(rows.get(0));
    for (String[] r : rows.subList(1, rows.size())) {
      if (keep.test(r)) {
        kept.add(r);
      }
    }
    write(to, file, kept);
  }
}
