package dev.gort.console.session;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Who is signed in, for the pages ({@code {inject:viewer.name}}). Roles only choose what the pages
 * offer (the admin link, say); what a user may see and do is decided by the services, which get the
 * user's own token.
 */
@Named("viewer")
@RequestScoped
public class Viewer {

  static final String OPERATOR = "operator";
  static final String ADMIN = "admin";

  @Inject SecurityIdentity identity;

  public boolean isSignedIn() {
    return !identity.isAnonymous();
  }

  public String getName() {
    return identity.isAnonymous() ? "" : identity.getPrincipal().getName();
  }

  public boolean isOperator() {
    return identity.hasRole(OPERATOR) || isAdmin();
  }

  public boolean isAdmin() {
    return identity.hasRole(ADMIN);
  }
}
