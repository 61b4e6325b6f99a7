package dev.gort.cli.output;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether gort talks to a person at a terminal (redraw in place) or to a pipe or file. */
public final class Terminal {

  private Terminal() {}

  public static boolean interactive() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    // From Java 22 a console exists even when redirected; Console.isTerminal says which.
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
