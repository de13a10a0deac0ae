package org.odtrial.ingest.generate;

import org.odtrial.ingest.contract.TrialFile;

/**
 * One data-entry mistake written into a dirty trial.
 *
 * @param kind what kind of mistake
 * @param file the file it is in
 * @param line its physical line (header = 1)
 * @param column the column changed, or null for a whole duplicated row
 */
public record InjectedMistake(MistakeKind kind, TrialFile file, long line, String column) {}
