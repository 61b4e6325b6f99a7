package dev.gort.worker.results.junit;

import java.io.FilterInputStream;
import java.io.IOException;
import java.util.zip.ZipInputStream;

/**
 * The current entry of a {@link ZipInputStream} as an entry parser sees it: every byte is charged
 * to the artifact's {@link UnpackBudget}, a read failure (a corrupt or truncated zip) is remembered
 * so that it can be named even if the parser reports it as something else, and closing it leaves
 * the zip open for the next entry.
 */
final class ArtifactEntryStream extends FilterInputStream {

  private final UnpackBudget budget;
  private IOException zipFailure;

  ArtifactEntryStream(ZipInputStream zip, UnpackBudget budget) {
    super(zip);
    this.budget = budget;
  }

  @Override
  public int read() throws IOException {
    int b = readZip(() -> in.read());
    if (b >= 0) {
      budget.charge(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = readZip(() -> in.read(buffer, offset, length));
    if (n > 0) {
      budget.charge(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // through read(), so that skipped bytes are charged too
    byte[] scratch = new byte[(int) Math.min(8192, Math.max(n, 1))];
    long skipped = 0;
    while (skipped < n) {
      int read = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
      if (read < 0) {
        break;
      }
      skipped += read;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public void close() {
    // the zip's next entry follows; the artifact parser closes the zip
  }

  /** How reading the zip itself failed, or null. */
  IOException zipFailure() {
    return zipFailure;
  }

  private int readZip(ZipRead read) throws IOException {
    try {
      return read.read();
    } catch (IOException e) {
      zipFailure = e;
      throw e;
    }
  }

  private interface ZipRead {
    int read() throws IOException;
  }
}
