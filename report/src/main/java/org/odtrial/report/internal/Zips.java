package org.odtrial.report.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Rewrites a zip (an OOXML package) so its bytes depend only on its content. */
public final class Zips {
  private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

  private Zips() {}

  /**
   * Entries sorted by name ([Content_Types].xml sorts first, as Office expects), one fixed local
   * entry time with no extended timestamps, and every created/modified date in docProps/core.xml
   * set to {@code fixedDate}.
   */
  public static byte[] normalise(byte[] zip, String fixedDate) {
    Map<String, byte[]> entries = new TreeMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (!e.isDirectory()) {
          entries.put(e.getName(), in.readAllBytes());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    entries.computeIfPresent("docProps/core.xml", (k, v) -> fixDates(v, fixedDate));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        // pictures are compressed already: deflating them again costs time and saves nothing
        z.setLevel(e.getKey().endsWith(".png") ? Deflater.NO_COMPRESSION : 6);
        ZipEntry entry = new ZipEntry(e.getKey());
        entry.setTimeLocal(ENTRY_TIME);
        z.putNextEntry(entry);
        z.write(e.getValue());
        z.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] fixDates(byte[] xml, String fixedDate) {
    String s = new String(xml, StandardCharsets.UTF_8);
    s =
        s.replaceAll(
            "(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)", "$1" + fixedDate + "$3");
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
