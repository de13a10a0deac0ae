package org.odtrial.analysis.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The canonical form and SHA-256 of a plan depend on its content only, and stay put. */
class PlanFingerprintTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * The default plan's fingerprint. It changes only when the default plan does (then results of the
   * default plan name another plan, and docs/analysis-plan.md shows the new default).
   */
  private static final String DEFAULT_SHA256 =
      "95e7d45268dcf2c36d050817e7331a729572d3be9a6291ab13be03aeddd1bef6";

  @Test
  void theDefaultPlansFingerprintIsStable() {
    assertThat(AnalysisPlan.defaults().sha256()).isEqualTo(DEFAULT_SHA256);
    assertThat(AnalysisPlan.defaults().sha256()).isEqualTo(AnalysisPlan.defaults().sha256());
  }

  @Test
  void layoutAndKeyOrderDoNotChangeTheFingerprint() throws Exception {
    AnalysisPlan p = AnalysisPlan.defaults();
    JsonNode tree = MAPPER.readTree(p.toJson());
    String pretty = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
    String compact = MAPPER.writeValueAsString(reversed(tree));
    for (String text : List.of(pretty, compact, p.toJson().replace("\n", "\r\n"))) {
      AnalysisPlan q = PlanReader.read(text, "other layout");
      assertThat(q).isEqualTo(p);
      assertThat(q.toJson()).isEqualTo(p.toJson());
      assertThat(q.sha256()).isEqualTo(p.sha256());
    }
  }

  @Test
  void everyChangeToAnEstimandChangesTheFingerprint() throws Exception {
    AnalysisPlan p = AnalysisPlan.defaults();
    ObjectNode root = (ObjectNode) MAPPER.readTree(p.toJson());
    ((ObjectNode) root.get("estimands").get(2)).put("label", "Time to first relapse (censored)");
    AnalysisPlan relabelled = PlanReader.read(MAPPER.writeValueAsString(root), "p");
    assertThat(relabelled.sha256()).isNotEqualTo(p.sha256());
    root = (ObjectNode) MAPPER.readTree(p.toJson());
    ((com.fasterxml.jackson.databind.node.ArrayNode)
            root.get("estimands").get(0).get("sensitivity_analyses"))
        .removeAll();
    assertThat(PlanReader.read(MAPPER.writeValueAsString(root), "p").sha256())
        .isNotEqualTo(p.sha256());
  }

  /**
   * The same JSON with every object's keys in reverse order, except recovery's: the order of its
   * instruments is the order of their rows and estimands.
   */
  private static JsonNode reversed(JsonNode node) {
    if (node.isObject()) {
      ObjectNode out = MAPPER.createObjectNode();
      List<String> keys = new ArrayList<>();
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        keys.add(it.next());
      }
      Collections.reverse(keys);
      for (String k : keys) {
        out.set(k, k.equals("recovery") ? node.get(k) : reversed(node.get(k)));
      }
      return out;
    }
    if (node.isArray()) {
      var out = MAPPER.createArrayNode();
      node.forEach(n -> out.add(reversed(n)));
      return out;
    }
    return node;
  }
}
