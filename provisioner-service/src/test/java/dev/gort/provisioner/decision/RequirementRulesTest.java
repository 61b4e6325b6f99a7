package dev.gort.provisioner.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequirementRulesTest {

  @Test
  void anEmptyRepositoryGetsTheCpuDefaultsOnUbuntu2204() {
    Requirements r = RequirementRules.from(Map.of("LICENSE", "MIT"));

    assertThat(r.gpuRequired()).isFalse();
    assertThat(r.cudaRequired()).isFalse();
    assertThat(r.gpuMemoryGb()).isZero();
    assertThat(r.cpuCores()).isEqualTo(4);
    assertThat(r.ramGb()).isEqualTo(16);
    assertThat(r.diskGb()).isEqualTo(50);
    assertThat(r.osType()).isEqualTo("ubuntu");
    assertThat(r.osVersion()).isEqualTo("22.04");
    assertThat(r.pythonVersion()).isEqualTo("3.10");
    assertThat(r.specialRequirements()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "requirements.txt|torch==2.0.0",
        "requirements-dev.txt|tensorflow>=2.12",
        "requirements.txt|jax[cuda12]",
        "requirements.txt|nvidia-cudnn-cu12",
        "pyproject.toml|dependencies = [\"torch>=2\", \"numpy\"]",
        "setup.py|install_requires=['tensorflow-gpu']",
        "environment.yml|dependencies:\\n  - pytorch-cuda=11.8",
        "environment.yml|channels:\\n  - nvidia\\n",
        "src/requirements.txt|cupy-cuda12x",
        "Dockerfile|FROM python:3.11\\nRUN pip install torch",
        "Dockerfile|FROM nvidia/cuda:12.2.0-runtime-ubuntu22.04",
      })
  void aGpuFrameworkOrCudaMeansAGpuWithCuda(String path, String content) {
    Requirements r = RequirementRules.from(Map.of(path, content.replace("\\n", "\n")));

    assertThat(r.gpuRequired()).as(content).isTrue();
    assertThat(r.cudaRequired()).isTrue();
    assertThat(r.gpuMemoryGb()).isEqualTo(16);
    assertThat(r.cpuCores()).isEqualTo(8);
    assertThat(r.ramGb()).isEqualTo(32);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "requirements.txt|torchvision-extra-utils\\nflask",
        "requirements.txt|tensorflow-cpu==2.12",
        "requirements.txt|torch-cpu",
        "requirements.txt|# torch is optional\\nrequests",
        "requirements.txt|my-torch-helpers",
        "README.md|Train with torch on a CUDA GPU",
        "pyproject.toml|dependencies = [\"flask\", \"requests\"]",
      })
  void otherPackagesCommentsAndProseDoNotMeanAGpu(String path, String content) {
    Requirements r = RequirementRules.from(Map.of(path, content.replace("\\n", "\n")));

    assertThat(r.gpuRequired()).as(content).isFalse();
  }

  @Test
  void largeModelFrameworksAskForAnA100SizedGpu() {
    Requirements r = RequirementRules.from(Map.of("requirements.txt", "torch\ndeepspeed==0.14"));

    assertThat(r.gpuMemoryGb()).isGreaterThan(24);
    assertThat(new NodeTypeRules().choose(r).nodeType()).isEqualTo("gpu_a100");
  }

  @Test
  void aCudaBaseImageGivesTheOsCudaVersionAndCudnn() {
    Requirements r =
        RequirementRules.from(
            Map.of(
                "Dockerfile",
                "# build\nFROM nvidia/cuda:11.8.0-cudnn8-runtime-ubuntu20.04\nRUN apt-get update"));

    assertThat(r.gpuRequired()).isTrue();
    assertThat(r.osType()).isEqualTo("ubuntu");
    assertThat(r.osVersion()).isEqualTo("20.04");
    assertThat(r.specialRequirements()).containsExactly("Docker", "CUDA 11.8", "cuDNN");
  }

  @Test
  void aCentosBaseImageGivesCentos() {
    Requirements r =
        RequirementRules.from(Map.of("Dockerfile", "FROM quay.io/centos/centos:stream9"));

    assertThat(r.osType()).isEqualTo("centos");
    assertThat(r.osVersion()).isEqualTo("9");
  }

  @Test
  void aContinuedRunLineIsReadWhole() {
    Requirements r =
        RequirementRules.from(
            Map.of("Dockerfile", "FROM python:3.9-slim\nRUN pip install \\\n    tensorflow\n"));

    assertThat(r.gpuRequired()).isTrue();
    assertThat(r.pythonVersion()).isEqualTo("3.9");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "setup.py|setup(name='x', python_requires=\">=3.8\")|3.8",
        "environment.yml|dependencies:\\n  - python=3.9\\n  - numpy|3.9",
        "environment.yml|dependencies:\\n  - python>=3.11|3.11",
        "pyproject.toml|[project]\\nrequires-python = \">=3.12\"|3.12",
        "pyproject.toml|[tool.poetry.dependencies]\\npython = \"^3.9\"|3.9",
        "Dockerfile|FROM python:3.11-slim AS build|3.11",
        "Dockerfile|FROM docker.io/library/python:3.13|3.13",
        "requirements.txt|flask|3.10",
      })
  void thePythonVersionComesFromTheFiles(String path, String content, String python) {
    Requirements r = RequirementRules.from(Map.of(path, content.replace("\\n", "\n")));

    assertThat(r.pythonVersion()).isEqualTo(python);
  }

  @Test
  void theDockerfilePythonWinsOverTheOthers() {
    Requirements r =
        RequirementRules.from(
            Map.of(
                "Dockerfile", "FROM python:3.12",
                "setup.py", "python_requires='>=3.8'"));

    assertThat(r.pythonVersion()).isEqualTo("3.12");
  }

  @Test
  void theSimulatorsMlRepositoryNeedsAGpu() {
    Requirements r =
        RequirementRules.from(
            Map.of(
                "requirements.txt", "torch==2.1.0\nnumpy>=1.24\n",
                "README.md", "# ml-gpu\nTrains a model on a GPU with CUDA.\n",
                "environment.yml", "name: ml\ndependencies:\n  - python=3.10\n  - pip\n",
                "Dockerfile", "FROM nvidia/cuda:12.1.0-runtime-ubuntu22.04\n"));

    assertThat(r)
        .isEqualTo(
            new Requirements(
                8,
                32,
                true,
                16,
                100,
                "ubuntu",
                "22.04",
                true,
                "3.10",
                java.util.List.of("Docker", "CUDA 12.1")));
  }
}
