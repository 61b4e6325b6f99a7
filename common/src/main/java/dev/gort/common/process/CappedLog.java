package dev.gort.common.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A job's output log: everything its commands write to stdout and stderr, in one file, up to a cap.
 * Past the cap the output is still read (so a flooding command never blocks on a full pipe) but
 * dropped, with one marker line saying so. The agent's own lines ({@link #note}) are written
 * whatever the cap, and are short.
 */
public final class CappedLog implements AutoCloseable {

  private final Path file;
  private final long cap;
  private final OutputStream out;
  private long kept;
  private long dropped;
  private boolean marked;

  public CappedLog(Path file, long cap) throws IOException {
    this.file = file;
    this.cap = cap;
    this.out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  public Path file() {
    return file;
  }

  /** Bytes of output dropped past the cap so far. */
  public synchronized long dropped() {
    return dropped;
  }

  /** A line of the agent's own, prefixed {@code [gort]}. */
  public synchronized void note(String line) {
    try {
      out.write(("[gort] " + line + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      // a log that cannot be written must not end the job; the outcome is reported all the same
    }
  }

  synchronized void write(byte[] bytes, int length) {
    long room = Math.max(0, cap - kept);
    int keep = (int) Math.min(room, length);
    try {
      if (keep > 0) {
        out.write(bytes, 0, keep);
        kept += keep;
      }
      if (keep < length) {
        dropped += length - keep;
        if (!marked) {
          marked = true;
          out.write(
              ("\n[gort] output past " + cap + " bytes is dropped\n")
                  .getBytes(StandardCharsets.UTF_8));
        }
      }
      out.flush();
    } catch (IOException e) {
      dropped += length - keep;
    }
  }

  /** Copies {@code in} into the log until it ends; never throws. */
  public void pump(InputStream in) {
    byte[] buffer = new byte[16 * 1024];
    try (in) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        write(buffer, n);
      }
    } catch (IOException e) {
      // the process is gone or its pipe closed: nothing more to read
    }
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      // nothing left to save
    }
  }
}
