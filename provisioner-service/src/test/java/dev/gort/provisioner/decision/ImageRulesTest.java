package dev.gort.provisioner.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageRulesTest {

  private static final List<String> CHAMELEON =
      List.of(
          "CC-Ubuntu20.04",
          "CC-Ubuntu20.04-CUDA",
          "CC-Ubuntu22.04",
          "CC-Ubuntu22.04-20230601",
          "CC-Ubuntu22.04-CUDA-20230110",
          "CC-Ubuntu22.04-CUDA",
          "CC-Ubuntu22.04-CUDA-20240326",
          "CC-Ubuntu22.04-ARM64",
          "CC-Ubuntu24.04",
          "CC-Ubuntu24.04-CUDA",
          "CC-CentOS8-stream",
          "CC-CentOS9-stream",
          "CC-CentOS8-stream-CUDA",
          "CC-CentOS8-stream-CUDA-20231010",
          "ubuntu-jammy-plain",
          "CC-something-odd");

  private static Requirements needs(boolean gpu, String os, String version) {
    return new Requirements(8, 32, gpu, gpu ? 16 : 0, 100, os, version, gpu, "3.10", List.of());
  }

  @Test
  void gpuOnUbuntuGivesUbuntuCudaImagesTheVersionFirstThenNewest() {
    assertThat(ImageRules.candidates(needs(true, "ubuntu", "22.04"), CHAMELEON))
        .containsExactly(
            "CC-Ubuntu22.04-CUDA",
            "CC-Ubuntu22.04-CUDA-20240326",
            "CC-Ubuntu22.04-CUDA-20230110",
            "CC-Ubuntu20.04-CUDA",
            "CC-Ubuntu24.04-CUDA");
  }

  @Test
  void gpuOnCentosGivesCentosCudaImagesPaddedToThree() {
    assertThat(ImageRules.candidates(needs(true, "centos", "8-stream"), CHAMELEON))
        .containsExactly(
            "CC-CentOS8-stream-CUDA", "CC-CentOS8-stream-CUDA-20231010", "CC-Ubuntu22.04");
  }

  @Test
  void noGpuOnUbuntuGivesPlainUbuntuImagesNeverCudaOrArm() {
    List<String> candidates = ImageRules.candidates(needs(false, "ubuntu", "22.04"), CHAMELEON);

    assertThat(candidates)
        .containsExactly(
            "CC-Ubuntu22.04", "CC-Ubuntu22.04-20230601", "CC-Ubuntu20.04", "CC-Ubuntu24.04");
  }

  @Test
  void noGpuOnCentosGivesCentosImagesTheVersionFirst() {
    assertThat(ImageRules.candidates(needs(false, "centos", "9"), CHAMELEON))
        .containsExactly("CC-CentOS9-stream", "CC-CentOS8-stream", "CC-Ubuntu22.04");
  }

  @Test
  void anotherFamilyFallsBackToCentos() {
    assertThat(ImageRules.candidates(needs(false, "rocky", "9"), CHAMELEON))
        .startsWith("CC-CentOS9-stream", "CC-CentOS8-stream");
  }

  @Test
  void nothingMatchingGivesTheDefaultImageFirstAndOtherHardwareLast() {
    List<String> names = List.of("CC-Ubuntu22.04-ARM64", "CC-CentOS9-stream", "CC-Ubuntu22.04");

    assertThat(ImageRules.candidates(needs(true, "ubuntu", "22.04"), names))
        .containsExactly("CC-Ubuntu22.04", "CC-CentOS9-stream", "CC-Ubuntu22.04-ARM64");
  }

  @Test
  void onlyChameleonImagesAreCandidates() {
    assertThat(ImageRules.candidates(needs(false, "ubuntu", "22.04"), List.of("ubuntu", "debian")))
        .isEmpty();
  }

  @Test
  void theChoiceIsTheNewestFittingCandidate() {
    Requirements r = needs(true, "ubuntu", "22.04");
    ImageOption alias =
        new ImageOption(
            "a", "CC-Ubuntu22.04-CUDA", 1, 20, 0, Instant.parse("2025-01-01T00:00:00Z"));
    ImageOption dated =
        new ImageOption(
            "b", "CC-Ubuntu22.04-CUDA-20250301", 1, 20, 0, Instant.parse("2025-03-01T00:00:00Z"));
    ImageOption older =
        new ImageOption(
            "c", "CC-Ubuntu20.04-CUDA", 1, 20, 0, Instant.parse("2025-06-01T00:00:00Z"));

    assertThat(ImageRules.choose(r, List.of(alias, dated, older)).id()).isEqualTo("b");
  }

  @Test
  void aCandidateTooBigForTheDiskIsPassedOver() {
    Requirements r = needs(true, "ubuntu", "22.04");
    ImageOption big =
        new ImageOption(
            "a", "CC-Ubuntu22.04-CUDA", 1, 500, 0, Instant.parse("2025-06-01T00:00:00Z"));
    ImageOption small =
        new ImageOption(
            "b", "CC-Ubuntu22.04-CUDA-20240326", 1, 20, 0, Instant.parse("2024-03-26T00:00:00Z"));

    assertThat(ImageRules.choose(r, List.of(big, small)).id()).isEqualTo("b");
  }

  @Test
  void withoutCreationTimesTheUndatedAliasIsNewest() {
    Requirements r = needs(true, "ubuntu", "22.04");
    ImageOption dated = new ImageOption("a", "CC-Ubuntu22.04-CUDA-20240326", 1, 0, 0, null);
    ImageOption alias = new ImageOption("b", "CC-Ubuntu22.04-CUDA", 1, 0, 0, null);

    assertThat(ImageRules.choose(r, List.of(dated, alias)).id()).isEqualTo("b");
  }

  @Test
  void noCandidatesIsRefused() {
    assertThatThrownBy(() -> ImageRules.choose(needs(false, "ubuntu", "22.04"), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void namesAreTakenApart() {
    ImageName name = ImageName.parse("CC-Ubuntu22.04-CUDA-20240326").orElseThrow();

    assertThat(name.family()).isEqualTo("ubuntu");
    assertThat(name.version()).isEqualTo("22.04");
    assertThat(name.cuda()).isTrue();
    assertThat(name.plain()).isTrue();
    assertThat(name.built()).isEqualTo(java.time.LocalDate.of(2024, 3, 26));
    ImageName centos = ImageName.parse("CC-CentOS8-stream").orElseThrow();
    assertThat(centos.family()).isEqualTo("centos");
    assertThat(centos.version()).isEqualTo("8-stream");
    assertThat(centos.versionMatches("8")).isTrue();
    assertThat(ImageName.parse("CC-Ubuntu22.04-ARM64").orElseThrow().plain()).isFalse();
    assertThat(ImageName.parse("CC-Ubuntu22.04-20241399")).isEmpty();
    assertThat(ImageName.parse("CC-something-odd")).isEmpty();
  }
}
