package dev.gort.cli.local;

import java.io.Console;
import java.util.Optional;

/**
 * Where a local run asks its user: a job's {@code input} prompt, and what to do with a job paused
 * by {@code --pause-on-failure}. Without a terminal nobody can answer: jobs with a prompt are
 * skipped (the report says why) and a paused failure is accepted as a failure.
 */
public interface Prompter {

  /** What to do with a job that failed under {@code --pause-on-failure}. */
  enum OnFailure {
    RERUN,
    SKIP,
    FAIL
  }

  boolean interactive();

  /**
   * @return the answer, or empty when there is none (end of input)
   */
  Optional<String> ask(String job, String prompt);

  OnFailure onFailure(String job, String reason);

  /** Nobody to ask. */
  Prompter NONE =
      new Prompter() {
        @Override
        public boolean interactive() {
          return false;
        }

        @Override
        public Optional<String> ask(String job, String prompt) {
          return Optional.empty();
        }

        @Override
        public OnFailure onFailure(String job, String reason) {
          return OnFailure.FAIL;
        }
      };

  /** The terminal's console. */
  static Prompter console(Console console) {
    return new Prompter() {
      @Override
      public boolean interactive() {
        return true;
      }

      @Override
      public Optional<String> ask(String job, String prompt) {
        return Optional.ofNullable(console.readLine("%n%s asks: %s ", job, prompt));
      }

      @Override
      public OnFailure onFailure(String job, String reason) {
        while (true) {
          String answer =
              console.readLine("%n%s failed (%s): [r]erun, [s]kip or [f]ail it? ", job, reason);
          if (answer == null || answer.strip().startsWith("f")) {
            return OnFailure.FAIL;
          }
          if (answer.strip().startsWith("r")) {
            return OnFailure.RERUN;
          }
          if (answer.strip().startsWith("s")) {
            return OnFailure.SKIP;
          }
        }
      }
    };
  }
}
