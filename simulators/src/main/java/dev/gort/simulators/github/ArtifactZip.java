package dev.gort.simulators.github;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** An artifact's archive as GitHub serves it: a zip of the files the workflow uploaded. */
final class ArtifactZip {

  /** The one file the simulated workflow uploads: its test report, as Surefire names one. */
  static final String RESULTS_FILE = "TEST-gort.xml";

  private ArtifactZip() {}

  static byte[] of(String fileName, byte[] content) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry(fileName));
      zip.write(content);
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build an artifact zip", e);
    }
    return bytes.toByteArray();
  }
}
