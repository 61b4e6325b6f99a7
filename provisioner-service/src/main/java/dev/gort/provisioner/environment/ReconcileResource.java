package dev.gort.provisioner.environment;

import dev.gort.common.security.Callers;
import dev.gort.common.web.ProblemException;
import dev.gort.provisioner.cloud.Cloud;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Runs the reconciler now (admin): what it removed, instead of waiting for its next pass. */
@Path("/api/v1/admin/reconcile")
@Produces(MediaType.APPLICATION_JSON)
public class ReconcileResource {

  @Inject Callers callers;
  @Inject Reconciler reconciler;
  @Inject Cloud cloud;

  @POST
  public Reconciler.Report reconcile() {
    callers.current().requireAdmin();
    if (!cloud.configured()) {
      throw new ProblemException(503, "Service Unavailable", "no cloud is configured");
    }
    return reconciler.reconcile();
  }
}
