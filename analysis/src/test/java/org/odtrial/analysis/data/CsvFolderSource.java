package org.odtrial.analysis.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.odtrial.ingest.contract.Column;
import org.odtrial.ingest.contract.TrialFile;

/**
 * Test source: reads an already valid upload folder straight from its CSV files, in a folder or on
 * the classpath (also from a jar, as another module's tests read the example trial).
 */
public final class CsvFolderSource implements RecordSource {
  /** Opens one file of the upload. */
  interface Opener {
    Reader open(TrialFile file) throws IOException;
  }

  private final Opener opener;

  public CsvFolderSource(Path dir) {
    this.opener =
        file -> Files.newBufferedReader(dir.resolve(file.fileName()), StandardCharsets.UTF_8);
  }

  private CsvFolderSource(Opener opener) {
    this.opener = opener;
  }

  /** The upload folder at this classpath resource path, e.g. "/example-trial/upload". */
  static CsvFolderSource ofResource(String folder) {
    return new CsvFolderSource(
        file -> {
          InputStream in =
              CsvFolderSource.class.getResourceAsStream(folder + "/" + file.fileName());
          if (in == null) {
            throw new IOException("no resource " + folder + "/" + file.fileName());
          }
          return new InputStreamReader(in, StandardCharsets.UTF_8);
        });
  }

  @Override
  public void forEach(TrialFile file, Consumer<String[]> action) {
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
    try (Reader r = opener.open(file);
        CSVParser p = CSVParser.parse(r, format)) {
      List<Column> columns = file.columns();
      for (CSVRecord rec : p) {
        String[] v = new String[columns.size()];
        for (int i = 0; i < v.length; i++) {
          String name = columns.get(i).name();
          String s = rec.isMapped(name) ? rec.get(name) : null;
          v[i] = s == null || s.isEmpty() ? null : s;
        }
        action.accept(v);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
