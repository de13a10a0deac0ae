package org.odtrial.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The tool version, filtered into a resource at build time. */
public final class Version implements IVersionProvider {
  private static final String VERSION = load();

  public static String get() {
    return VERSION;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"odtrial " + VERSION};
  }

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
