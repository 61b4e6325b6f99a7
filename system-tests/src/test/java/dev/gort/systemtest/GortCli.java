package dev.gort.systemtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code gort} command line as a user runs it: the launcher {@code cli/src/main/sh/gort} (which
 * runs the built jar) as a process, with its own gort home, pointed at the shared stack.
 */
final class GortCli {

  /** What one command did: its exit code and everything it wrote. */
  record Result(int exitCode, String stdout, String stderr) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
  }

  private final GortStack stack;
  private final Path home;
  private final Map<String, String> env;

  GortCli(GortStack stack, Path home, Map<String, String> env) {
    this.stack = stack;
    this.home = home;
    this.env = env;
  }

  GortCli(GortStack stack, Path home) {
    this(stack, home, Map.of());
  }

  Path home() {
    return home;
  }

  /** {@code gort --server <scheduler> --issuer <issuer> args...}. */
  Result run(String... args) throws IOException, InterruptedException {
    return runWithInput(null, args);
  }

  Result runWithInput(String stdin, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("/bin/sh");
    command.add(launcher().toString());
    command.add("--server");
    command.add(stack.url(GortStack.SCHEDULER));
    command.add("--issuer");
    command.add(stack.issuer());
    command.addAll(List.of(args));
    return exec(command, stdin);
  }

  /** The command line exactly as given, without the stack's URLs. */
  Result runBare(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("/bin/sh", launcher().toString()));
    command.addAll(List.of(args));
    return exec(command, null);
  }

  private Result exec(List<String> command, String stdin) throws IOException, InterruptedException {
    Path out = Files.createTempFile("gort-cli-", ".out");
    Path err = Files.createTempFile("gort-cli-", ".err");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().remove("GORT_TOKEN");
      builder.environment().remove("GORT_SERVER");
      builder.environment().remove("GORT_ISSUER");
      builder.environment().put("GORT_HOME", home.toString());
      builder.environment().putAll(env);
      if (stdin == null) {
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      }
      Process process = builder.start();
      if (stdin != null) {
        try (var in = process.getOutputStream()) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("gort " + command + " did not end within 120 s");
      }
      return new Result(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static Path launcher() {
    Path root = Path.of(System.getProperty("gort.root", "..")).toAbsolutePath().normalize();
    return root.resolve("cli/src/main/sh/gort");
  }
}
