package org.odtrial.ingest.store;

import org.odtrial.ingest.contract.TrialFile;

/**
 * A record of an open load after {@link LoadWriter#prepare}: its key checked, its row hash computed
 * and its part of the seal taken, waiting for {@link LoadWriter#write} to send it to the database.
 *
 * @param file the file it came from
 * @param line its physical line number
 * @param values its values, as {@link org.odtrial.ingest.RecordSink#accept} received them
 * @param rowHash its row hash (the temporal model's fingerprint of the values)
 */
public record PreparedRecord(TrialFile file, long line, String[] values, byte[] rowHash) {}
