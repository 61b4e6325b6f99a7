package dev.gort.provisioner.cloud;

import java.util.Locale;
import java.util.Optional;
import org.openstack4j.api.identity.EndpointURLResolver;
import org.openstack4j.api.types.Facing;
import org.openstack4j.model.identity.URLResolverParams;
import org.openstack4j.model.identity.v3.Endpoint;
import org.openstack4j.model.identity.v3.Service;
import org.openstack4j.model.identity.v3.Token;

/**
 * Finds a service's public endpoint in the token's catalog, in the configured region. Replaces
 * openstack4j's default resolver, which caches URLs in a static map keyed by project id (two clouds
 * with the same project id would share them) and silently falls back to the Keystone URL when the
 * catalog lacks a service — the calls then answer empty lists instead of failing.
 */
final class CatalogEndpoints implements EndpointURLResolver {

  private final String region;

  CatalogEndpoints(String region) {
    this.region = region;
  }

  @Override
  public String findURLV2(URLResolverParams params) {
    throw new CloudException(CloudException.Kind.REFUSED, "Keystone v2 is not supported; use v3");
  }

  @Override
  public String findURLV3(URLResolverParams params) {
    if (params.type == null) {
      return params.token.getEndpoint();
    }
    String type = params.type.getType();
    Optional<String> url = find(params.token, type, region);
    if (url.isPresent()) {
      return url.get();
    }
    if ("identity".equals(type)) {
      return params.token.getEndpoint();
    }
    throw missing(type, region);
  }

  /**
   * The public URL of the first {@code type} endpoint (in {@code region} if given), no trailing /.
   */
  static Optional<String> find(Token token, String type, String region) {
    if (token.getCatalog() == null) {
      return Optional.empty();
    }
    for (Service service : token.getCatalog()) {
      if (service.getType() == null
          || !service.getType().toLowerCase(Locale.ROOT).equals(type)
          || service.getEndpoints() == null) {
        continue;
      }
      for (Endpoint endpoint : service.getEndpoints()) {
        boolean inRegion =
            region == null
                || region.equals(endpoint.getRegion())
                || region.equals(endpoint.getRegionId());
        if (endpoint.getIface() == Facing.PUBLIC && inRegion && endpoint.getUrl() != null) {
          String url = endpoint.getUrl().toString();
          return Optional.of(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        }
      }
    }
    return Optional.empty();
  }

  static CloudException missing(String type, String region) {
    return new CloudException(
        CloudException.Kind.REFUSED,
        "the cloud's service catalog has no public "
            + type
            + " endpoint"
            + (region == null ? "" : " in region " + region));
  }
}
