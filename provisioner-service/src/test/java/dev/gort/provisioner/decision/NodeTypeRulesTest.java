package dev.gort.provisioner.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeTypeRulesTest {

  @ParameterizedTest
  @CsvSource({
    "true, 40, 8, 32, gpu_a100",
    "true, 25, 8, 32, gpu_a100",
    "true, 24, 8, 32, gpu_rtx_6000",
    "true, 17, 8, 32, gpu_rtx_6000",
    "true, 16, 8, 32, gpu_rtx_5000",
    "true, 0, 64, 512, gpu_rtx_5000",
    "false, 0, 8, 257, compute_cascadelake_r_384gb",
    "false, 0, 64, 257, compute_cascadelake_r_384gb",
    "false, 0, 8, 256, compute_haswell",
    "false, 0, 49, 64, compute_cascadelake_r640",
    "false, 0, 48, 64, compute_haswell",
    "false, 0, 4, 16, compute_haswell",
  })
  void theSeedsTree(boolean gpu, int gpuMemory, int cores, int ram, String nodeType) {
    Requirements r =
        new Requirements(
            cores, ram, gpu, gpuMemory, 100, "ubuntu", "22.04", gpu, "3.10", List.of());

    assertThat(new NodeTypeRules().choose(r).nodeType()).isEqualTo(nodeType);
  }

  @ParameterizedTest
  @CsvSource({"false, 0, 8, 300, compute_skylake_384gb", "false, 0, 8, 200, compute_haswell"})
  void theHighMemoryNameIsConfigurable(
      boolean gpu, int gpuMemory, int cores, int ram, String nodeType) {
    Requirements r =
        new Requirements(
            cores, ram, gpu, gpuMemory, 100, "ubuntu", "22.04", gpu, "3.10", List.of());

    assertThat(new NodeTypeRules("compute_skylake_384gb").choose(r).nodeType()).isEqualTo(nodeType);
  }

  @ParameterizedTest
  @CsvSource({"true, 24", "false, 24"})
  void theDurationIsADayForGpuAndCpuWork(boolean gpu, int hours) {
    Requirements r =
        new Requirements(4, 16, gpu, gpu ? 8 : 0, 50, "ubuntu", "22.04", gpu, "3.10", List.of());

    assertThat(DurationRules.hours(r)).isEqualTo(hours);
  }

  @ParameterizedTest
  @CsvSource({"0, 1", "-5, 1", "1, 1", "168, 168", "169, 168", "500, 168", "36, 36"})
  void durationsAreClampedToAWeek(int asked, int clamped) {
    assertThat(DurationRules.clamp(asked)).isEqualTo(clamped);
  }
}
