package org.odtrial.analysis.results;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.Writer;

/**
 * The one JSON style of every odtrial output: two-space indent, LF, {@code "key": value}, and
 * doubles in the shortest form that reads back to the same double (Jackson's Schubfach writer; Java
 * 17's Double.toString is not always shortest).
 */
public final class JsonStyle {
  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

  private JsonStyle() {}

  /** A pretty-printing generator that leaves {@code out} open. */
  public static JsonGenerator generator(Writer out) throws IOException {
    JsonGenerator g = FACTORY.createGenerator(out);
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    DefaultIndenter indent = new DefaultIndenter("  ", "\n");
    Separators separators =
        Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER);
    g.setPrettyPrinter(
        new DefaultPrettyPrinter(separators).withObjectIndenter(indent).withArrayIndenter(indent));
    return g;
  }
}
