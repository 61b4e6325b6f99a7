package dev.gort.simulators.web;

import dev.gort.common.web.Problem;
import jakarta.ws.rs.core.Response;

/**
 * Problem responses the simulators answer on purpose (a simulated outage), built directly rather
 * than thrown, so they are not logged as server errors.
 */
public final class Problems {

  private Problems() {}

  public static Response respond(int status, String title, String detail) {
    return Response.status(status)
        .type(Problem.MEDIA_TYPE)
        .entity(new Problem("about:blank", title, status, detail, null))
        .build();
  }
}
