package org.odtrial.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Same input, same bytes: the example report written again under another default locale and time
 * zone. Isolated because it changes the JVM's defaults, which the test classes running beside it
 * (two at a time, see the surefire configuration) would otherwise see.
 */
@Isolated
class ReportReproducibilityTest {
  @TempDir Path tmp;

  @Test
  void twoRunsGiveByteIdenticalFilesInEveryFormat() throws Exception {
    List<Path> first = ExampleReport.report();
    // a second run under another default locale and time zone: neither may leak into any file
    Locale locale = Locale.getDefault();
    TimeZone zone = TimeZone.getDefault();
    List<Path> second;
    try {
      Locale.setDefault(Locale.GERMANY);
      TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
      second = ReportWriter.of(ExampleReport.input(Blinding.none())).writeTo(tmp.resolve("b"));
    } finally {
      Locale.setDefault(locale);
      TimeZone.setDefault(zone);
    }
    assertThat(first.stream().map(p -> p.getFileName().toString()))
        .containsExactlyInAnyOrderElementsOf(ReportWriterTest.FILES);
    assertThat(ReportWriterTest.hashes(second)).isEqualTo(ReportWriterTest.hashes(first));
    // the docx really was rewritten: fixed entry times, no wall-clock date in its core properties
    Path docx = ExampleReport.reportFolder().resolve("report.docx");
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(docx))) {
      ZipEntry e = in.getNextEntry();
      assertThat(e.getName()).isEqualTo("[Content_Types].xml");
      assertThat(e.getTimeLocal()).hasToString("2000-01-01T00:00");
    }
    String core = ReportWriterTest.unzip(docx).get("docProps/core.xml");
    assertThat(core)
        .contains("2000-01-01T00:00:00Z")
        .doesNotContain(java.time.Year.now().getValue() + "-");
  }
}
