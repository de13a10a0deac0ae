package org.odtrial.analysis.simulate;

import java.util.List;

/**
 * A note, with its numbers masked as {@code #} so that reps with the same reason count together,
 * and how many reps gave it.
 *
 * @param text the note with every number replaced by {@code #}
 * @param reps the reps that gave it
 * @param firstReps the first few of them (0-based), in rep order, to reproduce one
 */
public record Reason(String text, int reps, List<Integer> firstReps) {
  /** The reason of a rep whose results do not hold the row at all. */
  public static final String ABSENT =
      "no such row in the rep's results (for example a time beyond an arm's follow-up, or a"
          + " subgroup level nobody is in)";

  /** How many reps each reason lists. */
  public static final int LISTED = 3;

  public Reason {
    firstReps = List.copyOf(firstReps);
  }
}
