package dev.gort.cli.run;

import java.io.PrintWriter;
import java.util.List;

/**
 * Where a watched run's progress goes: on a terminal one line redrawn in place, elsewhere (a pipe,
 * a file, CI) a plain line each time it changes, so a log holds no escape codes and no repeats.
 */
public interface StatusLine {

  /**
   * @param state what the progress is (a plain line is printed only when this changes)
   * @param clock how long it has taken so far
   */
  void show(String state, String clock);

  /** The progress is over: leave the last line standing. */
  void end();

  static StatusLine forOutput(PrintWriter out, boolean terminal) {
    return terminal ? new Redrawn(out) : new Plain(out);
  }

  /** ANSI: back to the line's start, clear it, write the new one. */
  final class Redrawn implements StatusLine {
    static final String CLEAR_LINE = "\r\u001b[2K";
    private final PrintWriter out;
    private boolean shown;

    Redrawn(PrintWriter out) {
      this.out = out;
    }

    @Override
    public void show(String state, String clock) {
      out.print(CLEAR_LINE + state + "  " + clock);
      out.flush();
      shown = true;
    }

    @Override
    public void end() {
      if (shown) {
        out.println();
        out.flush();
      }
    }
  }

  /** One line per change. */
  final class Plain implements StatusLine {
    private final PrintWriter out;
    private String last;

    Plain(PrintWriter out) {
      this.out = out;
    }

    @Override
    public void show(String state, String clock) {
      if (!state.equals(last)) {
        out.println(state + "  " + clock);
        out.flush();
        last = state;
      }
    }

    @Override
    public void end() {}
  }

  /**
   * Several lines redrawn in place on a terminal (a pipeline run's stages and jobs): back up over
   * the lines drawn before, clear to the end of the screen, write the new ones.
   */
  final class Block {
    static final String CLEAR_TO_END = "\u001b[J";
    private final PrintWriter out;
    private int drawn;

    public Block(PrintWriter out) {
      this.out = out;
    }

    public void show(List<String> lines) {
      StringBuilder text = new StringBuilder();
      if (drawn > 0) {
        text.append("\u001b[").append(drawn).append('F').append(CLEAR_TO_END);
      }
      for (String line : lines) {
        text.append(line).append('\n');
      }
      out.print(text);
      out.flush();
      drawn = lines.size();
    }
  }
}
