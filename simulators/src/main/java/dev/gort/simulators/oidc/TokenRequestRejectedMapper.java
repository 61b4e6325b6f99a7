package dev.gort.simulators.oidc;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * A refused token request in OAuth's error shape (RFC 6749 section 5.2), not problem+json: {@code
 * {"error","error_description"}} with the status Keycloak gives that case.
 */
@Provider
public class TokenRequestRejectedMapper implements ExceptionMapper<TokenRequestRejected> {

  private static final Logger LOG = Logger.getLogger(TokenRequestRejectedMapper.class);

  @Inject RealmIssuer issuer;

  @Override
  public Response toResponse(TokenRequestRejected e) {
    TokenRejection rejection = e.rejection();
    if (rejection == TokenRejection.AUTHORIZATION_PENDING) {
      // a device polls every few seconds until its user has decided
      LOG.debugf("token request refused: %s", e.getMessage());
    } else {
      LOG.infof("token request refused: %s", e.getMessage());
    }
    if (rejection == TokenRejection.BASIC_CHALLENGE) {
      return noStore(Response.status(401))
          .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + issuer.realm() + "\"")
          .build();
    }
    return noStore(Response.status(status(rejection)))
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(Map.of("error", rejection.error(), "error_description", rejection.description()))
        .build();
  }

  static int status(TokenRejection rejection) {
    return switch (rejection) {
      case MISSING_GRANT_TYPE,
              UNSUPPORTED_GRANT_TYPE,
              MISSING_CLIENT_ID,
              DUPLICATED_PARAMETER,
              NO_DIRECT_ACCESS_GRANTS,
              DEVICE_GRANT_DISABLED,
              MISSING_DEVICE_CODE,
              INVALID_DEVICE_CODE,
              AUTHORIZATION_PENDING,
              SLOW_DOWN,
              ACCESS_DENIED,
              EXPIRED_TOKEN,
              STANDARD_FLOW_DISABLED,
              MISSING_CODE,
              INVALID_CODE,
              REDIRECT_URI_MISMATCH,
              MISSING_CODE_VERIFIER,
              PKCE_VERIFICATION_FAILED,
              MISSING_REFRESH_TOKEN,
              INVALID_REFRESH_TOKEN ->
          400;
      case TOO_MANY_DEVICE_CODES -> 503;
      case BASIC_CHALLENGE,
              UNKNOWN_CLIENT,
              INVALID_CLIENT_CREDENTIALS,
              PUBLIC_CLIENT_SERVICE_ACCOUNT,
              MISSING_USERNAME,
              INVALID_USER_CREDENTIALS ->
          401;
    };
  }

  // RFC 6749 section 5.1; Keycloak sends both on every token endpoint answer.
  static Response.ResponseBuilder noStore(Response.ResponseBuilder response) {
    return response.header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache");
  }
}
