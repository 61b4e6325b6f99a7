package dev.gort.simulators.oidc;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Keycloak's device verification page ({@code /realms/<realm>/device}, RFC 8628 section 3.3): GET
 * shows the form, with the user code of {@code verification_uri_complete} filled in; POST approves
 * or denies. Nothing changes on GET.
 */
@Path("/realms/{realm}" + DeviceAuthorizationService.VERIFICATION_PATH)
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public class DeviceVerificationResource {

  @Inject RealmIssuer issuer;
  @Inject DeviceVerification verification;

  @GET
  public Response form(@PathParam("realm") String realm, @QueryParam("user_code") String code) {
    issuer.require(realm);
    return page(200, VerificationPage.form(action(), code, null));
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response decide(
      @PathParam("realm") String realm,
      @FormParam("user_code") String code,
      @FormParam("username") String username,
      @FormParam("password") String password,
      @FormParam("action") String action) {
    issuer.require(realm);
    if (!"approve".equals(action) && !"deny".equals(action)) {
      return page(400, VerificationPage.form(action(), code, "Choose Approve or Deny."));
    }
    switch (verification.decide(code, username, password, "approve".equals(action))) {
      case APPROVED:
        return page(200, VerificationPage.approved(username));
      case DENIED:
        return page(200, VerificationPage.denied());
      case INVALID_CREDENTIALS:
        return page(403, VerificationPage.form(action(), code, "Invalid username or password."));
      case UNKNOWN_CODE:
      default:
        return page(
            400,
            VerificationPage.form(
                action(),
                code,
                "The code is unknown, has expired or was used already; start the login on your"
                    + " device again."));
    }
  }

  private String action() {
    return issuer.issuer().issuerUrl() + DeviceAuthorizationService.VERIFICATION_PATH;
  }

  private static Response page(int status, String html) {
    // the user code travels in verification_uri_complete's query
    return HtmlPage.response(status, html, HtmlPage.POSTS_TO_ITSELF)
        .header("Referrer-Policy", "no-referrer")
        .build();
  }
}
