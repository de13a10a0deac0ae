package org.odtrial.ingest.store.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.odtrial.ingest.contract.Column;
import org.odtrial.ingest.contract.ColumnType;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.store.StoreException;

/**
 * How one contract file maps onto its temporal table: every column under its own name (INTEGER
 * columns as INTEGER, DECIMAL as REAL, everything else as TEXT), numeric columns with a {@code
 * <name>_text} companion (see {@link ValueCodec}), then {@code row_hash}, {@code valid_from},
 * {@code valid_to}.
 */
public final class StoredTable {
  public static final String ROW_HASH = "row_hash";
  public static final String VALID_FROM = "valid_from";
  public static final String VALID_TO = "valid_to";

  private static final Map<TrialFile, StoredTable> ALL = all();

  private final TrialFile file;
  private final List<String> dataColumns;
  private final List<String> keyColumns;
  private final int[] keyIndexes;

  private StoredTable(TrialFile file) {
    this.file = file;
    List<String> data = new ArrayList<>();
    for (Column column : file.columns()) {
      data.add(column.name());
      if (hasText(column)) {
        data.add(column.name() + "_text");
      }
    }
    this.dataColumns = List.copyOf(data);
    this.keyColumns = file.key();
    this.keyIndexes = file.key().stream().mapToInt(file::indexOf).toArray();
  }

  public static StoredTable of(TrialFile file) {
    return ALL.get(file);
  }

  public TrialFile file() {
    return file;
  }

  public String name() {
    return file.tableName();
  }

  /**
   * Columns holding the record's values, in canonical order (numeric columns followed by their
   * text).
   */
  public List<String> dataColumns() {
    return dataColumns;
  }

  /** Every column of the table, in table order. */
  public List<String> allColumns() {
    List<String> all = new ArrayList<>(dataColumns);
    all.add(ROW_HASH);
    all.add(VALID_FROM);
    all.add(VALID_TO);
    return all;
  }

  /** SQL declaration of the data columns and row hash, for the staging table. */
  public String stagingColumnsDdl(Dialect dialect) {
    List<String> defs = new ArrayList<>();
    for (Column column : file.columns()) {
      defs.add(column.name() + " " + dialect.sqlType(column.type()));
      if (hasText(column)) {
        defs.add(column.name() + "_text " + dialect.sqlType(ColumnType.TEXT));
      }
    }
    defs.add(ROW_HASH + " " + dialect.bytesType() + " NOT NULL");
    return String.join(", ", defs);
  }

  public String dataColumnList() {
    return String.join(", ", dataColumns);
  }

  public List<String> keyColumns() {
    return keyColumns;
  }

  /** {@code a.k1 = b.k1 AND a.k2 = b.k2 ...} over the key columns. */
  public String keyJoin(String a, String b) {
    List<String> terms = new ArrayList<>();
    for (String key : keyColumns) {
      terms.add(a + "." + key + " = " + b + "." + key);
    }
    return String.join(" AND ", terms);
  }

  /**
   * Checks that the record can be stored under its key: every key value present, integer key values
   * integers.
   *
   * @throws StoreException naming file and line otherwise
   */
  public void checkKey(long line, String[] values) {
    if (values.length != file.columns().size()) {
      throw new StoreException(
          String.format(
              Locale.ROOT,
              "%s line %d: %d values given, the contract has %d columns",
              file.fileName(),
              line,
              values.length,
              file.columns().size()));
    }
    for (int index : keyIndexes) {
      Column column = file.columns().get(index);
      String value = values[index];
      if (value == null
          || (column.type() == ColumnType.INTEGER && ValueCodec.parseLong(value) == null)) {
        throw new StoreException(
            String.format(
                Locale.ROOT,
                "%s line %d: key column %s has no usable value; the record cannot be stored",
                file.fileName(),
                line,
                column.name()));
      }
    }
  }

  /**
   * Binds the data columns of a record to parameters {@code first}..; returns the next parameter
   * index.
   */
  public int bind(PreparedStatement ps, int first, String[] values) throws SQLException {
    int at = first;
    List<Column> columns = file.columns();
    for (int i = 0; i < values.length; i++) {
      switch (columns.get(i).type()) {
        case INTEGER:
          ValueCodec.bindInteger(ps, at, values[i]);
          at += 2;
          break;
        case DECIMAL:
          ValueCodec.bindDecimal(ps, at, values[i]);
          at += 2;
          break;
        default:
          ps.setString(at++, values[i]);
          break;
      }
    }
    return at;
  }

  /** Writes the data columns of a record to a COPY row, as {@link #bind} binds them. */
  void copy(CopyRows out, String[] values) {
    List<Column> columns = file.columns();
    for (int i = 0; i < values.length; i++) {
      switch (columns.get(i).type()) {
        case INTEGER -> ValueCodec.copyInteger(out, values[i]);
        case DECIMAL -> ValueCodec.copyDecimal(out, values[i]);
        default -> out.text(values[i]);
      }
    }
  }

  /** Reads a record from a result set whose first columns are {@link #dataColumns()}. */
  public String[] read(ResultSet rs) throws SQLException {
    return read(rs, 1);
  }

  /**
   * Reads a record from a result set whose columns from {@code first} on are {@link
   * #dataColumns()}.
   */
  public String[] read(ResultSet rs, int first) throws SQLException {
    List<Column> columns = file.columns();
    String[] values = new String[columns.size()];
    int at = first;
    for (int i = 0; i < values.length; i++) {
      switch (columns.get(i).type()) {
        case INTEGER:
          values[i] = ValueCodec.readInteger(rs, at);
          at += 2;
          break;
        case DECIMAL:
          values[i] = ValueCodec.readDecimal(rs, at);
          at += 2;
          break;
        default:
          values[i] = rs.getString(at++);
          break;
      }
    }
    return values;
  }

  private static boolean hasText(Column column) {
    return column.type() == ColumnType.INTEGER || column.type() == ColumnType.DECIMAL;
  }

  private static Map<TrialFile, StoredTable> all() {
    Map<TrialFile, StoredTable> map = new EnumMap<>(TrialFile.class);
    for (TrialFile file : TrialFile.values()) {
      map.put(file, new StoredTable(file));
    }
    return Collections.unmodifiableMap(map);
  }
}
