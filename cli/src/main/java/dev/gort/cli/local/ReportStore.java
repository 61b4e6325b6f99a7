package dev.gort.cli.local;

import dev.gort.common.pipeline.report.InvalidReportException;
import dev.gort.common.pipeline.report.PipelineReport;
import dev.gort.common.pipeline.report.PipelineReportJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Local reports under {@code $GORT_HOME/reports/<pipeline>/<run>.json} (GORT_HOME defaults to
 * {@code ~/.gort}). A run's number is the next one free in its pipeline's folder, taken by creating
 * its file exclusively, so two runs started at once get two numbers. Reports hold job output: the
 * folders are the user's own (0700) and the files 0600.
 */
public final class ReportStore {

  private static final Pattern RUN_FILE = Pattern.compile("([1-9][0-9]{0,8})\\.json");

  private final Path root;

  public ReportStore(Path home) {
    this.root = home.resolve("reports");
  }

  public Path root() {
    return root;
  }

  public Path file(String pipeline, int run) {
    return root.resolve(pipeline).resolve(run + ".json");
  }

  /** Takes the next run number of {@code pipeline}: its (empty) report file now exists. */
  public int reserve(String pipeline) throws IOException {
    Path dir = root.resolve(pipeline);
    createPrivateDirectories(dir);
    int run = highestRun(dir) + 1;
    while (true) {
      try {
        Files.createFile(
            dir.resolve(run + ".json"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return run;
      } catch (FileAlreadyExistsException taken) {
        run++;
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(dir.resolve(run + ".json"));
        return run;
      }
    }
  }

  /** Writes the report over its file, whole or not at all (a reader never sees half of it). */
  public Path save(PipelineReport report) throws IOException {
    Path file = file(report.pipeline(), report.run());
    Path temp = Files.createTempFile(file.getParent(), "." + report.run() + "-", ".tmp");
    try {
      Files.writeString(temp, PipelineReportJson.write(report), StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
    return file;
  }

  /**
   * Every stored report; a file that is not a report is named to {@code skipped} and left out (an
   * empty one is a run that has just taken its number).
   */
  public List<PipelineReport> all(Consumer<String> skipped) throws IOException {
    List<PipelineReport> reports = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return reports;
    }
    try (DirectoryStream<Path> pipelines = Files.newDirectoryStream(root, Files::isDirectory)) {
      for (Path dir : pipelines) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
          for (Path file : files) {
            read(file, skipped, reports);
          }
        }
      }
    }
    return reports;
  }

  private static void read(Path file, Consumer<String> skipped, List<PipelineReport> into) {
    if (!RUN_FILE.matcher(file.getFileName().toString()).matches()) {
      return;
    }
    try {
      if (Files.size(file) == 0) {
        return;
      }
      into.add(PipelineReportJson.read(Files.readAllBytes(file)));
    } catch (IOException | InvalidReportException e) {
      skipped.accept(file + ": " + e.getMessage());
    }
  }

  private static int highestRun(Path dir) throws IOException {
    int highest = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
      for (Path file : files) {
        Matcher m = RUN_FILE.matcher(file.getFileName().toString());
        if (m.matches()) {
          highest = Math.max(highest, Integer.parseInt(m.group(1)));
        }
      }
    }
    return highest;
  }

  private static void createPrivateDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Files.createDirectories(dir);
    try {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      Files.setPosixFilePermissions(dir.getParent(), PosixFilePermissions.fromString("rwx------"));
    } catch (UnsupportedOperationException notPosix) {
      // the platform's defaults
    }
  }
}
