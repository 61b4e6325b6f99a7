package dev.gort.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/** Runs gort in this JVM with its own GORT_HOME, capturing what it says. */
public final class InProcessGort {

  /** What one command did. */
  public record Said(int exit, String out, String err) {}

  private final Map<String, String> env = new HashMap<>();

  public InProcessGort(Path home) {
    env.put("GORT_HOME", home.toString());
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("GORT_CONTAINER_ENGINE", "none");
  }

  /** Sets an environment variable for the commands run after ({@code GORT_TOKEN}). */
  public InProcessGort with(String name, String value) {
    env.put(name, value);
    return this;
  }

  public Said run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine gort = Gort.commandLine(env);
    gort.setOut(new PrintWriter(out));
    gort.setErr(new PrintWriter(err));
    int exit = gort.execute(args);
    return new Said(exit, out.toString(), err.toString());
  }
}
