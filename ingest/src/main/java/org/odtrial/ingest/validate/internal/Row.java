package org.odtrial.ingest.validate.internal;

import java.util.ArrayList;
import java.util.List;
import org.odtrial.ingest.contract.TrialFile;

/**
 * One record being checked: its values in canonical order, what each parsed to, and the cell
 * findings waiting for the record's id and site to be known. Reused from row to row except for
 * {@link #values}, which goes to the sink.
 */
public final class Row {
  /** A cell finding held until the record id and site are known. */
  record Pending(int column, org.odtrial.ingest.validate.Rule rule, String message) {}

  final TrialFile file;
  long line;
  String[] values;

  /** Whether the cell holds a valid value of its type (false for missing or invalid). */
  final boolean[] ok;

  /** Epoch day of DATE cells. */
  final int[] day;

  /** Value of INTEGER cells. */
  final long[] number;

  /** Value of DECIMAL cells. */
  final double[] decimal;

  /** Cells that look like direct identifiers: never quoted, never used as record id. */
  final boolean[] identifier;

  final List<Pending> pending = new ArrayList<>();

  /**
   * Columns present in the header; a required column left out is reported once, for the header, not
   * per row.
   */
  boolean[] inHeader;

  Row(TrialFile file) {
    this.file = file;
    int n = file.columns().size();
    ok = new boolean[n];
    day = new int[n];
    number = new long[n];
    decimal = new double[n];
    identifier = new boolean[n];
    inHeader = new boolean[n];
    java.util.Arrays.fill(inHeader, true);
  }

  void reset(long line, String[] values) {
    this.line = line;
    this.values = values;
    pending.clear();
  }

  /** The value of a cell that is valid, else null. */
  String valid(int column) {
    return ok[column] ? values[column] : null;
  }
}
