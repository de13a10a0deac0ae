package org.odtrial.ingest.contract;

import java.util.List;

/**
 * One column of a contract file.
 *
 * @param name exact header name
 * @param type value type
 * @param required whether a value must be present (a non-required column may be left out of the
 *     header)
 * @param codes the valid codes of a {@link ColumnType#CODE} column, in contract order (first =
 *     reference level)
 * @param min lower bound: value for INTEGER, length for TEXT; null where none
 * @param max upper bound: value for INTEGER, length for TEXT; null where none
 */
public record Column(
    String name, ColumnType type, boolean required, List<String> codes, Long min, Long max) {

  public Column {
    codes = List.copyOf(codes);
  }

  static Column id(String name, boolean required) {
    return new Column(name, ColumnType.ID, required, List.of(), 1L, 32L);
  }

  static Column code(String name, boolean required, String... codes) {
    return new Column(name, ColumnType.CODE, required, List.of(codes), null, null);
  }

  static Column date(String name, boolean required) {
    return new Column(name, ColumnType.DATE, required, List.of(), null, null);
  }

  static Column integer(String name, boolean required, Long min, Long max) {
    return new Column(name, ColumnType.INTEGER, required, List.of(), min, max);
  }

  static Column decimal(String name, boolean required) {
    return new Column(name, ColumnType.DECIMAL, required, List.of(), null, null);
  }

  static Column text(String name, boolean required, long minLength, long maxLength) {
    return new Column(name, ColumnType.TEXT, required, List.of(), minLength, maxLength);
  }
}
