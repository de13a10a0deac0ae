package org.odtrial.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.odtrial.analysis.results.JsonStyle;

/** PrettyJson against Jackson in the odtrial style: the same characters for the same calls. */
class PrettyJsonTest {
  /** Both writers driven by the same calls. */
  private static final class Both {
    final StringWriter mine = new StringWriter();
    final StringWriter jackson = new StringWriter();
    final PrettyJson p = new PrettyJson(mine);
    final JsonGenerator g;

    Both() throws IOException {
      g = JsonStyle.generator(jackson);
    }

    void startObject() throws IOException {
      p.startObject();
      g.writeStartObject();
    }

    void endObject() throws IOException {
      p.endObject();
      g.writeEndObject();
    }

    void startArray(String name) throws IOException {
      if (name != null) {
        p.name(name);
        g.writeFieldName(name);
      }
      p.startArray();
      g.writeStartArray();
    }

    void endArray() throws IOException {
      p.endArray();
      g.writeEndArray();
    }

    void string(String name, String value) throws IOException {
      p.stringOrNull(name, value);
      g.writeStringField(name, value);
    }

    void number(String name, long value) throws IOException {
      p.number(name, value);
      g.writeNumberField(name, value);
    }

    void nullField(String name) throws IOException {
      p.name(name);
      p.nullValue();
      g.writeNullField(name);
    }

    void check() throws IOException {
      p.flush();
      g.close();
      assertThat(mine.toString()).isEqualTo(jackson.toString());
    }
  }

  @Test
  void nestedObjectsAndArraysEmptyOrNot() throws IOException {
    Both b = new Both();
    b.startObject();
    b.string("site", null);
    b.number("errors", 3);
    b.number("warnings", -9_000_000_000L);
    b.startArray("summary");
    b.endArray();
    b.startArray("findings");
    b.startObject();
    b.string("rule", "range");
    b.nullField("rows_checked");
    b.startArray("consequences");
    b.startObject();
    b.string("x", "y");
    b.endObject();
    b.startObject();
    b.endObject();
    b.endArray();
    b.endObject();
    b.startObject();
    b.number("line", 0);
    b.endObject();
    b.endArray();
    b.startArray("nested");
    b.startArray(null);
    b.endArray();
    b.startArray(null);
    b.startObject();
    b.endObject();
    b.endArray();
    b.endArray();
    b.endObject();
    b.check();
    assertThat(b.mine.toString()).contains("\"summary\": [ ]", "{ }", "\n    {\n      \"rule\"");
  }

  @Test
  void everyCharacterIsEscapedAsJacksonDoes() throws IOException {
    Both b = new Both();
    b.startObject();
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x800; c++) {
      all.append(c);
      b.string("c", String.valueOf(c));
    }
    // quotes, backslashes, control characters, non-ASCII, a pair and lone surrogates
    b.string("all", all.toString());
    b.string("mixed", "a \"b\" c\\d\te\r\nf\u0000g\u001fh\u007fé中\uD83D\uDE00\uD800 \uDC00 end");
    b.string("empty", "");
    b.endObject();
    b.check();
    assertThat(b.mine.toString())
        .contains("\"a \\\"b\\\" c\\\\d\\te\\r\\nf\\u0000g\\u001Fh\u007fé中\uD83D\uDE00");
  }

  @Test
  void valuesLongerThanTheBufferAndManyOfThem() throws IOException {
    Random random = new Random(20261203);
    Both b = new Both();
    b.startObject();
    b.startArray("findings");
    for (int i = 0; i < 3000; i++) {
      b.startObject();
      StringBuilder s = new StringBuilder();
      int n = random.nextInt(i % 100 == 0 ? 100_000 : 200);
      for (int k = 0; k < n; k++) {
        // mostly plain text, some characters to escape, some non-ASCII
        int r = random.nextInt(100);
        s.append(r < 3 ? (char) random.nextInt(0x20) : r < 5 ? '"' : r < 8 ? 'é' : 'a');
      }
      b.string("message", s.toString());
      b.number("line", random.nextLong());
      b.endObject();
    }
    b.endArray();
    b.endObject();
    b.check();
  }

  @Test
  void unbalancedEndsAreRefused() throws IOException {
    PrettyJson p = new PrettyJson(new StringWriter());
    assertThatThrownBy(p::endObject).isInstanceOf(IllegalStateException.class);
    p.startArray();
    assertThatThrownBy(p::endObject).isInstanceOf(IllegalStateException.class);
  }
}
