package dev.gort.console.environments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecisionValuesTest {

  @Test
  void listsAndObjectsReadAsALine() {
    Map<String, Object> requirements = new LinkedHashMap<>();
    requirements.put("cpu_cores", 4);
    requirements.put("gpu_required", true);

    assertThat(DecisionValues.text(List.of("CC-Ubuntu22.04-CUDA", "CC-Ubuntu20.04-CUDA")))
        .isEqualTo("CC-Ubuntu22.04-CUDA, CC-Ubuntu20.04-CUDA");
    assertThat(DecisionValues.text(requirements)).isEqualTo("cpu_cores: 4; gpu_required: true");
    assertThat(DecisionValues.text(24)).isEqualTo("24");
    assertThat(DecisionValues.text(null)).isEmpty();
  }
}
