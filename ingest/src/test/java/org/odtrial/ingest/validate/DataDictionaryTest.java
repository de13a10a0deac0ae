package org.odtrial.ingest.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.odtrial.ingest.contract.Column;
import org.odtrial.ingest.contract.ColumnType;
import org.odtrial.ingest.contract.Instrument;
import org.odtrial.ingest.contract.TrialFile;

/** Keeps docs/data-dictionary.md in step with the rules and the contract model. */
class DataDictionaryTest {
  private static final Path DOC = Path.of("..", "docs", "data-dictionary.md");

  private static String doc() throws Exception {
    return Files.readString(DOC);
  }

  /** The text of the section headed "## name". */
  private static String section(String text, String name) {
    int start = text.indexOf("\n## " + name + "\n");
    assertThat(start).as("section %s", name).isNotNegative();
    int end = text.indexOf("\n## ", start + 4);
    return end < 0 ? text.substring(start) : text.substring(start, end);
  }

  @Test
  void theRuleTableListsExactlyTheRulesOfTheCodeWithTheirSeverity() throws Exception {
    String rules = section(doc(), "Rules");
    Matcher m = Pattern.compile("(?m)^\\| `([a-z-]+)` \\| (error|warning) \\|").matcher(rules);
    Set<String> documented = new LinkedHashSet<>();
    while (m.find()) {
      documented.add(m.group(1) + " " + m.group(2));
    }
    Set<String> code = new LinkedHashSet<>();
    for (Rule r : Rule.values()) {
      code.add(r.id() + " " + r.severity().label());
    }
    assertThat(documented).containsExactlyElementsOf(code);
  }

  @Test
  void everyFileSectionListsItsColumnsInCanonicalOrderWithTypeAndRequired() throws Exception {
    String text = doc();
    for (TrialFile file : TrialFile.values()) {
      String s = section(text, file.fileName());
      Matcher m = Pattern.compile("(?m)^\\| `([a-z_]+)` \\| ([^|]+) \\| (yes|no) \\|").matcher(s);
      List<Column> columns = file.columns();
      int i = 0;
      while (m.find()) {
        if (i >= columns.size()) {
          break; // e.g. the instrument table of outcomes.csv follows
        }
        Column c = columns.get(i++);
        assertThat(m.group(1)).isEqualTo(c.name());
        assertThat(m.group(3)).as(c.name()).isEqualTo(c.required() ? "yes" : "no");
        String type = m.group(2);
        assertThat(type).as(c.name()).startsWith(typeWord(c.type()));
        if (c.type() == ColumnType.CODE) {
          for (String code : c.codes()) {
            assertThat(type).as(c.name()).contains("`" + code + "`");
          }
        }
        if (c.type() == ColumnType.INTEGER && c.max() != null) {
          assertThat(type).as(c.name()).contains(c.min() + "-" + c.max());
        }
      }
      assertThat(i).as(file.fileName()).isEqualTo(columns.size());
    }
  }

  @Test
  void everyInstrumentRangeIsDocumented() throws Exception {
    String s = section(doc(), "outcomes.csv");
    for (Instrument ins : Instrument.values()) {
      String range = (long) ins.min() + "-" + (long) ins.max();
      assertThat(s)
          .containsPattern(
              "\\| `"
                  + ins.name()
                  + "` \\|[^\\n]*\\| "
                  + range
                  + " \\| "
                  + (ins.higherIsBetter() ? "higher" : "lower")
                  + " \\|");
    }
  }

  private static String typeWord(ColumnType t) {
    return switch (t) {
      case ID -> "id";
      case CODE -> "code";
      case DATE -> "date";
      case INTEGER -> "integer";
      case DECIMAL -> "decimal";
      case TEXT -> "text";
    };
  }
}
