package org.odtrial.cli.format;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import org.odtrial.analysis.results.JsonStyle;

/** JSON helpers for the CLI's machine-readable outputs, in the one odtrial {@link JsonStyle}. */
public final class Json {
  private Json() {}

  /** A generator that leaves {@code out} open; the caller closes the generator. */
  public static JsonGenerator generator(Writer out) throws IOException {
    return JsonStyle.generator(out);
  }

  /** Writes a string field, or null when the value is null. */
  public static void stringOrNull(JsonGenerator g, String name, String value) throws IOException {
    if (value == null) {
      g.writeNullField(name);
    } else {
      g.writeStringField(name, value);
    }
  }
}
