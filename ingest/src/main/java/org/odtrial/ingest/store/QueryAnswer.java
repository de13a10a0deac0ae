package org.odtrial.ingest.store;

import java.util.Objects;

/**
 * An answer to a data query, as a data manager records it.
 *
 * @param queryId the query
 * @param status {@link QueryStatus#CONFIRMED} or {@link QueryStatus#WILL_CORRECT}
 * @param note what the site said, or null
 */
public record QueryAnswer(String queryId, QueryStatus status, String note) {
  public QueryAnswer {
    Objects.requireNonNull(queryId, "queryId");
    if (status == null || !status.isAnswer()) {
      throw new IllegalArgumentException("an answer is confirmed or will-correct, not " + status);
    }
    note = note == null || note.isBlank() ? null : note;
  }
}
