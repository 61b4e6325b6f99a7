package dev.gort.simulators.openstack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gort.simulators.web.JsonBodies;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Control of the simulated OpenStack cloud (not OpenStack): what exists, the scripted faults (one
 * per seed 004 failure point), the timings, planted leaks for the reconciler, reset.
 *
 * <ul>
 *   <li>{@code GET /sim/openstack/resources}: leases, servers, floating IPs, key pairs, faults,
 *       timings.
 *   <li>{@code PUT /sim/openstack/faults} {@code {"fault":
 *       "no-hosts|lease-stuck-pending|lease-error|
 *       server-error|server-stuck-build|no-floating-ips", "match": "<name substring, optional>"}};
 *       {@code DELETE /sim/openstack/faults} clears them all, {@code DELETE …/faults/{fault}} one.
 *   <li>{@code PUT /sim/openstack/timings} {@code {"leasePendingAfterMs", "leaseActiveAfterMs",
 *       "serverActiveAfterMs"}} (each optional), for resources created from then on.
 *   <li>{@code POST /sim/openstack/plant} {@code {"kind": "server|lease|floating-ip",
 *       "environment": "<env id>", "name": "<optional>"}}: 201.
 *   <li>{@code GET /sim/openstack/calls}: the OpenStack calls answered, by service and method;
 *       {@code DELETE} starts the count again.
 *   <li>{@code POST /sim/openstack/reset}: 204.
 * </ul>
 */
@Path("/sim/openstack")
@Produces(MediaType.APPLICATION_JSON)
public class OpenStackControlResource {

  @Inject SimulatedCloud cloud;
  @Inject JsonBodies bodies;
  @Inject OpenStackCalls calls;

  /** Body of {@code PUT /faults}. */
  public record FaultRequest(String fault, String match) {}

  /** Body of {@code PUT /timings}. */
  public record TimingsRequest(
      Long leasePendingAfterMs, Long leaseActiveAfterMs, Long serverActiveAfterMs) {}

  /** Body of {@code POST /plant}. */
  public record PlantRequest(String kind, String environment, String name) {}

  @GET
  @Path("/resources")
  public ObjectNode resources() {
    return cloud.resources();
  }

  @PUT
  @Path("/faults")
  public ObjectNode fault(byte[] body) {
    FaultRequest request = bodies.read(body, FaultRequest.class);
    return cloud.setFault(request.fault(), request.match());
  }

  @DELETE
  @Path("/faults")
  public Response clearFaults() {
    cloud.clearFaults();
    return Response.noContent().build();
  }

  @DELETE
  @Path("/faults/{fault}")
  public Response clearFault(@PathParam("fault") String fault) {
    cloud.clearFault(fault);
    return Response.noContent().build();
  }

  @GET
  @Path("/timings")
  public ObjectNode timings() {
    return cloud.timingsJson();
  }

  @PUT
  @Path("/timings")
  public ObjectNode setTimings(byte[] body) {
    TimingsRequest request = bodies.read(body, TimingsRequest.class);
    return cloud.setTimings(
        request.leasePendingAfterMs(), request.leaseActiveAfterMs(), request.serverActiveAfterMs());
  }

  @POST
  @Path("/plant")
  public Response plant(byte[] body) {
    PlantRequest request = bodies.read(body, PlantRequest.class);
    return Response.status(201)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(cloud.plant(request.kind(), request.environment(), request.name()))
        .build();
  }

  /** The OpenStack calls answered since the last reset, by service and method. */
  @GET
  @Path("/calls")
  public ObjectNode calls() {
    return calls.snapshot();
  }

  @DELETE
  @Path("/calls")
  public Response resetCalls() {
    calls.reset();
    return Response.noContent().build();
  }

  @POST
  @Path("/reset")
  public Response reset() {
    cloud.reset();
    calls.reset();
    return Response.noContent().build();
  }
}
