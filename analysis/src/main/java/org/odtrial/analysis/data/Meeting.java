package org.odtrial.analysis.data;

/**
 * A network meeting inside its participant's analysis window, for fidelity summaries.
 *
 * @param participantIndex index of the participant in {@link AnalysisData#participants()}
 * @param daysFromBaseline meeting date minus baseline date
 * @param practitioners practitioners present
 * @param networkMembers network members present
 */
public record Meeting(
    int participantIndex, int daysFromBaseline, int practitioners, int networkMembers) {}
