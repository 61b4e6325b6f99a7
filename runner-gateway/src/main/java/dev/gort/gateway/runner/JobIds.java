package dev.gort.gateway.runner;

import java.util.regex.Pattern;

/** A runner's job id is logged, stored and put in URLs: printable ASCII only, bounded. */
public final class JobIds {

  private static final Pattern JOB_ID = Pattern.compile("[\\x21-\\x7e]{1,200}");

  private JobIds() {}

  public static boolean valid(String jobId) {
    return jobId != null && JOB_ID.matcher(jobId).matches();
  }
}
