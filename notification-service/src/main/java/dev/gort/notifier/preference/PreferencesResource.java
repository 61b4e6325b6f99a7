package dev.gort.notifier.preference;

import dev.gort.common.outbound.OutboundFetcher;
import dev.gort.common.security.Caller;
import dev.gort.common.security.Callers;
import dev.gort.common.web.JsonBody;
import dev.gort.common.web.ProblemException;
import dev.gort.common.web.Untrusted;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * An owner's notification preferences (issue 11): {@code GET} and {@code PUT
 * /api/v1/owners/{owner}/preferences}, by the owner itself or an operator; another owner gets the
 * 404 an owner it may not see gets everywhere in Gort. A PUT replaces the preferences whole, after
 * {@link PreferencesCheck} (webhook and chat URLs through the outbound guard's policy, outside any
 * transaction, since it resolves names).
 */
@Path("/api/v1/owners/{owner}/preferences")
@Produces(MediaType.APPLICATION_JSON)
public class PreferencesResource {

  /** At most ten channels with a URL of 2048 characters each. */
  static final JsonBody.Limits LIMITS = JsonBody.Limits.of(32 * 1024, 4096);

  @Inject Callers callers;
  @Inject OwnerPreferences preferences;
  @Inject OutboundFetcher outbound;

  @GET
  @Transactional
  public PreferencesView get(@PathParam("owner") String owner) {
    Caller caller = callers.current();
    checkOwner(caller, owner);
    OwnerPreference stored = preferences.stored(owner).orElse(null);
    Preferences chosen = stored == null ? Preferences.DEFAULT : preferences.read(stored);
    return PreferencesView.of(owner, chosen, stored, isOwner(caller, owner));
  }

  @PUT
  @Consumes(MediaType.WILDCARD)
  public PreferencesView put(
      @PathParam("owner") String owner,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      byte[] body) {
    Caller caller = callers.current();
    checkOwner(caller, owner);
    PreferencesRequest request =
        JsonBody.readRequired(body, contentType, PreferencesRequest.class, LIMITS);
    Preferences checked = new PreferencesCheck(url -> outbound.refusal(url, true)).check(request);
    OwnerPreference stored = preferences.put(owner, checked, caller.name());
    return PreferencesView.of(owner, checked, stored, isOwner(caller, owner));
  }

  /**
   * 404 for a caller who may not act for {@code owner}, as for any owner's thing it may not see.
   */
  private static void checkOwner(Caller caller, String owner) {
    if (owner.isBlank() || !caller.mayActFor(owner)) {
      throw ProblemException.notFound("no owner " + Untrusted.quote(owner));
    }
  }

  private static boolean isOwner(Caller caller, String owner) {
    return caller.name().equals(owner);
  }
}
