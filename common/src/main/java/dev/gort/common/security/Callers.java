package dev.gort.common.security;

import dev.gort.common.web.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/** The {@link Caller} of the current request, from its verified identity. */
@RequestScoped
public class Callers {

  @Inject SecurityIdentity identity;

  /**
   * @throws ProblemException 401 when the request carries no verified identity (the HTTP layer
   *     refuses such requests first; this guards a path left open by mistake)
   */
  public Caller current() {
    if (identity == null || identity.isAnonymous()) {
      throw ProblemException.unauthorized("a valid bearer token is required");
    }
    return new Caller(identity.getPrincipal().getName(), identity.getRoles());
  }
}
