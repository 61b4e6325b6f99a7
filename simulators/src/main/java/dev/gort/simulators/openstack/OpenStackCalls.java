package dev.gort.simulators.openstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Counts the OpenStack API calls the simulated cloud answers, by service and method ({@code compute
 * POST}), so a benchmark can say how many calls one environment costs. {@code GET
 * /sim/openstack/calls} shows them, {@code DELETE} (or a reset) starts again.
 */
@ApplicationScoped
public class OpenStackCalls {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] SERVICES = {
    "identity", "image", "compute", "networking", "reservation"
  };

  private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

  @ServerRequestFilter
  public void count(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    String first = path.startsWith("/") ? path.substring(1) : path;
    int slash = first.indexOf('/');
    String service = slash < 0 ? first : first.substring(0, slash);
    for (String known : SERVICES) {
      if (known.equals(service)) {
        calls
            .computeIfAbsent(service + " " + request.getMethod(), k -> new LongAdder())
            .increment();
        return;
      }
    }
  }

  public ObjectNode snapshot() {
    ObjectNode root = JSON.createObjectNode();
    long total = 0;
    ObjectNode byCall = root.putObject("calls");
    for (Map.Entry<String, LongAdder> e : new TreeMap<>(calls).entrySet()) {
      long n = e.getValue().sum();
      byCall.put(e.getKey(), n);
      total += n;
    }
    root.put("total", total);
    return root;
  }

  public void reset() {
    calls.clear();
  }
}
