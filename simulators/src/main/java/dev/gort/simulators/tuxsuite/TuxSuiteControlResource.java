package dev.gort.simulators.tuxsuite;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gort.common.web.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Test hook of the simulated TuxSuite beside the shared control API ({@code /sim/runners/{code}/…},
 * scenarios and jobs): {@code POST /sim/runners/tuxsuite/keys:rotate} signs every later callback
 * with a new key, which {@code /keys} serves from then on; answers the new {@code ssh.pub}. (The
 * colon as sent, not percent-encoded.)
 */
@Path("/sim/runners/{runner}/keys:rotate")
@Produces(MediaType.APPLICATION_JSON)
public class TuxSuiteControlResource {

  @Inject TuxSuiteSimulator tux;

  @POST
  public ObjectNode rotate(@PathParam("runner") String runner) {
    if (!TuxSuiteSimulator.CODE.equals(runner)) {
      throw ProblemException.notFound("runner '" + runner + "' has no keys to rotate");
    }
    return tux.rotateKeys();
  }
}
